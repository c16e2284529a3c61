package io.dataplane.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Cluster-wide settings; a singleton named {@code default} that the operator creates when missing. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames({"nfvoc", "nfvconfig"})
@Categories(ApiGroup.CATEGORY)
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.metadata.name == 'default'", message = "metadata.name must be 'default': NfvOperatorConfig is a singleton")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class NfvOperatorConfig extends CustomResource<NfvOperatorConfigSpec, NfvOperatorConfigStatus> {
    public static final String SINGLETON_NAME = "default";
}
