package io.dataplane.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.http.TlsVersion;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaChaFirstHttpClientFactoryTest {
    @Test
    void offersChaCha20FirstWhenTheJdkHasIt() {
        String[] suites = ChaChaFirstHttpClientFactory.cipherSuites(Set.of("TLS_AES_256_GCM_SHA384",
                "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        assertThat(suites).containsExactly("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256",
                "TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void aJdkWithoutChaCha20KeepsAesGcmAndNamesNoSuiteItLacks() {
        // A name the JDK does not know would make the TLS engine refuse the whole list.
        String[] suites = ChaChaFirstHttpClientFactory.cipherSuites(Set.of("TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        assertThat(suites).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void everyPreferredSuiteIsOneThisJdkSupports() throws Exception {
        Set<String> supported = Set.of(javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        assertThat(ChaChaFirstHttpClientFactory.cipherSuites(supported))
                .containsExactlyElementsOf(ChaChaFirstHttpClientFactory.CIPHER_SUITES);
    }

    @Test
    void keepsTheTlsVersionsOfTheConfiguration() {
        Config config = new ConfigBuilder().withTlsVersions(TlsVersion.TLS_1_3).build();
        var builder = java.net.http.HttpClient.newBuilder();
        new ChaChaFirstHttpClientFactory(config).additionalConfig(builder);
        var client = builder.build();
        assertThat(client.sslParameters().getProtocols()).containsExactly("TLSv1.3");
        assertThat(client.sslParameters().getCipherSuites()[0]).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    }
}
