package io.dataplane.operator.runtime;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;

/**
 * Installs {@link PooledStrings} and {@link SkipManagedFields} in the Kubernetes client's mapper, through which
 * every watch event and response is read.
 */
@Singleton
public class PooledStringsCustomizer implements KubernetesClientObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new PooledStrings()).registerModule(new SkipManagedFields());
    }
}
