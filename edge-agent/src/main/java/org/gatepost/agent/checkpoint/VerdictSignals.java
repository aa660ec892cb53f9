package org.gatepost.agent.checkpoint;

import java.time.Duration;
import java.time.Instant;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.gpio.PulseTrain;
import org.gatepost.agent.rules.Verdict;

/**
 * The gate's signal for each decision ({@code docs/architecture.md}, Rules at the gate), told apart by ear:
 * admit one short beep; a denial one long tone ({@code buzzerFor}); retest two short beeps; mask reminder two
 * longer beeps; not recorded three short beeps; no-reading none (red lamp only, the volunteer measures again).
 * Beep trains are paced by {@link #tick}. Not thread safe: the checkpoint calls it under its lock.
 */
final class VerdictSignals {
    static final Duration ADMIT_BEEP = Duration.ofMillis(100);
    static final Duration RETEST_BEEP = Duration.ofMillis(100);
    static final Duration RETEST_PERIOD = Duration.ofMillis(250);
    static final Duration REMINDER_BEEP = Duration.ofMillis(400);
    static final Duration REMINDER_PERIOD = Duration.ofMillis(800);
    /** A sign-in, a sign-out (green) or a refused action (red): one short blink. */
    static final Duration BLINK = Duration.ofMillis(300);

    private final GateSignals signals;
    private final CheckpointPolicy policy;
    private final PulseTrain notRecordedBeeps;
    private final PulseTrain retestBeeps;
    private final PulseTrain reminderBeeps;

    VerdictSignals(GateSignals signals, CheckpointPolicy policy) {
        this.signals = signals;
        this.policy = policy;
        this.notRecordedBeeps = signals.notRecordedBeeps();
        this.retestBeeps = new PulseTrain(signals.buzzer(), RETEST_BEEP, RETEST_PERIOD, 2);
        this.reminderBeeps = new PulseTrain(signals.buzzer(), REMINDER_BEEP, REMINDER_PERIOD, 2);
    }

    void signal(Verdict v, Instant now) {
        switch (v.decision()) {
            case SIGN_IN, SIGN_OUT -> signals.green().pulse(BLINK);
            case NO_READING -> signals.red().pulse(policy.lightFor());
            case RETEST -> {
                signals.red().pulse(policy.lightFor());
                retestBeeps.start(now);
            }
            case ADMIT, VISITOR, OVERRIDE -> {
                signals.green().pulse(policy.lightFor());
                if (v.maskReminder()) {
                    reminderBeeps.start(now);
                } else {
                    signals.buzzer().pulse(ADMIT_BEEP);
                }
                signals.relay().pulse(policy.relayPulse());
            }
            default -> {
                if (v.fields().admitted()) {
                    signals.green().pulse(policy.lightFor());
                    signals.relay().pulse(policy.relayPulse());
                } else {
                    signals.red().pulse(policy.lightFor());
                }
                signals.buzzer().pulse(policy.buzzerFor());
            }
        }
    }

    /** A decision that could not be stored: red, and three short beeps; the relay stays shut. */
    void notRecorded(Instant now) {
        signals.red().pulse(policy.lightFor());
        notRecordedBeeps.start(now);
    }

    void refused() {
        signals.red().pulse(BLINK);
    }

    void tick(Instant now) {
        notRecordedBeeps.tick(now);
        retestBeeps.tick(now);
        reminderBeeps.tick(now);
    }
}
