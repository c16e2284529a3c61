package io.dataplane.operator.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The agent's HTTP client: the JDK's, offering ChaCha20-Poly1305 ahead of AES-GCM. The agent compiles
 * with C1 only ({@link JvmOptions}), and C1 has none of C2's AES-GCM intrinsics, so every byte from the
 * API server was decrypted in plain Java: 38 MB/s for AES-GCM against 160 MB/s for ChaCha20-Poly1305
 * on the benchmark machine. In the simulated agents' profile of a 1,000-node rollout the cipher went
 * from about 17 % of the samples to about 5 %. Go's TLS server (kube-apiserver) takes ChaCha20 when
 * the client lists it first; AES-GCM stays offered for servers without it (FIPS).
 *
 * <p>Not the operator's: it keeps Quarkus's Vert.x client, whose Netty TLS offers a fixed list (AES
 * first). Moved to this client, the operator used as much CPU or more in three 1,000-node A/B pairs.
 */
public final class ChaChaFirstHttpClientFactory extends JdkHttpClientFactory {
    /** In order of preference: TLS 1.3, then TLS 1.2's forward-secret AEAD suites. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    private final String[] protocols;

    /** @param config the client's configuration, whose TLS versions are kept */
    public ChaChaFirstHttpClientFactory(Config config) {
        TlsVersion[] versions = config.getTlsVersions();
        this.protocols = versions == null || versions.length == 0 ? null
                : Arrays.stream(versions).map(TlsVersion::javaName).toArray(String[]::new);
    }

    /** The suites this JVM supports, in the preferred order (a JDK without ChaCha20 keeps AES-GCM). */
    static String[] cipherSuites(Set<String> supported) {
        return CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new);
    }

    @Override
    protected void additionalConfig(HttpClient.Builder builder) {
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            return; // no TLS to tune
        }
        builder.sslParameters(new SSLParameters(cipherSuites(supported), protocols));
    }
}
