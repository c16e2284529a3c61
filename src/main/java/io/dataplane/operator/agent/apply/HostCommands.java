package io.dataplane.operator.agent.apply;

/**
 * The only host commands the agent runs: the kubelet and ovs-vswitchd can be restarted only by the
 * host's service manager. Everything else goes through files under the host root. Production runs
 * systemctl in the host's namespaces ({@link SystemdHostCommands}); tests and simulated nodes record
 * the calls ({@link RecordingHostCommands}).
 */
public interface HostCommands {

    String KUBELET = "kubelet";
    String OVS_VSWITCHD = "ovs-vswitchd";

    void stopKubelet();

    void startKubelet();

    void restartKubelet();

    void restartOvsVswitchd();

    /** A host command failed; the message says which and what it printed. */
    final class HostCommandException extends RuntimeException {
        private final String service;

        public HostCommandException(String service, String message) {
            super(message);
            this.service = service;
        }

        /** The service the command was for (kubelet, ovs-vswitchd). */
        public String service() {
            return service;
        }
    }
}
