package io.dataplane.operator.agent.apply;

import io.dataplane.operator.api.v1alpha1.NestedVirtioConfig;
import io.dataplane.operator.host.HostWriteException;
import io.dataplane.operator.host.SysfsPaths;
import java.util.List;
import java.util.Optional;

/**
 * vfio's {@code enable_unsafe_noiommu_mode}: a VM without a vIOMMU needs it before vfio-pci can
 * take a virtio device. Enabled before drivers are bound; restored after they are released.
 */
final class NoIommuStep {

    private NoIommuStep() {
    }

    static boolean wanted(List<NestedVirtioConfig> nested) {
        return nested.stream().anyMatch(n -> Boolean.TRUE.equals(n.getNoIommu()));
    }

    static void enable(HostChange c, List<NestedVirtioConfig> nested) {
        if (!wanted(nested)) {
            return;
        }
        Optional<String> have = c.fs.readIfExists(SysfsPaths.VFIO_NOIOMMU);
        if (have.isEmpty()) {
            c.problem(Reasons.NO_IOMMU_FAILED, "vfio no-IOMMU mode asked but " + SysfsPaths.VFIO_NOIOMMU
                    + " does not exist (is the vfio module loaded?)");
            return;
        }
        if (isOn(have.get()) || !c.proceed(false, "")) {
            return;
        }
        if (c.owned.noIommu == null) {
            c.owned.noIommu = have.get();
        }
        c.save();
        try {
            c.fs.write(SysfsPaths.VFIO_NOIOMMU, "Y");
            if (!isOn(c.fs.read(SysfsPaths.VFIO_NOIOMMU))) {
                c.problem(Reasons.NO_IOMMU_FAILED, "vfio no-IOMMU mode did not turn on");
                return;
            }
            c.changed("vfio no-IOMMU mode enabled");
        } catch (HostWriteException e) {
            c.problem(Reasons.NO_IOMMU_FAILED, "cannot enable vfio no-IOMMU mode: " + e.getMessage());
        }
    }

    static void revert(HostChange c, List<NestedVirtioConfig> nested) {
        if (wanted(nested) || c.owned.noIommu == null || !c.applying()) {
            return;
        }
        Optional<String> have = c.fs.readIfExists(SysfsPaths.VFIO_NOIOMMU);
        if (have.isPresent() && isOn(have.get()) != isOn(c.owned.noIommu)) {
            try {
                c.fs.write(SysfsPaths.VFIO_NOIOMMU, isOn(c.owned.noIommu) ? "Y" : "N");
                c.changed("vfio no-IOMMU mode restored to " + c.owned.noIommu);
            } catch (HostWriteException e) {
                c.problem(Reasons.NO_IOMMU_FAILED, "cannot restore vfio no-IOMMU mode: " + e.getMessage());
                return;
            }
        }
        c.owned.noIommu = null;
        c.save();
    }

    private static boolean isOn(String v) {
        return v.equals("Y") || v.equals("y") || v.equals("1");
    }
}
