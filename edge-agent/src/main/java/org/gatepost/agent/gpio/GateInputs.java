package org.gatepost.agent.gpio;

/**
 * The gate's push-button and sensor inputs. Callbacks run on the GPIO provider's event thread and must
 * return quickly. A role whose pin is not configured never calls back.
 */
public interface GateInputs extends AutoCloseable {

    enum Role {
        /** The presence sensor saw someone step up: start a measure-only entry. */
        PRESENCE,
        /** The volunteer confirmed the person wears a mask. */
        MASK_CONFIRM,
        /** The volunteer pressed the override button. */
        OVERRIDE
    }

    interface Listener {
        void activated(Role role);
    }

    void listen(Listener listener);

    /** Activations seen per role since start, for health reports. */
    long count(Role role);

    @Override
    void close();
}
