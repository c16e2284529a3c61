/**
 * The dataplane-operator API, group {@code nfv.dataplane.io}, version {@code v1alpha1}.
 *
 * <p>The CRDs in {@code crds/} are generated from these classes at build time; descriptions, schema
 * constraints and CEL rules live here as annotations so that the API server rejects bad input before
 * any controller sees it.
 */
package io.dataplane.operator.api.v1alpha1;
