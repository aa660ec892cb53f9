package org.gatepost.agent.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.checkpoint.VolunteerDesk;

/**
 * A desk whose scans and duty roster the test sets, and which records every action it is asked for. Actions
 * succeed with the next seq unless {@link #refuseWith} was called. Thread safe.
 */
final class FakeDesk implements VolunteerDesk {
    static final List<String> REASONS =
            List.of("medical-emergency", "official-duty", "thermometer-fault", "mask-provided", "other");

    record VisitorCall(long seq, VisitorForm form) {}

    record OverrideCall(long seq, String reason, String by) {}

    private volatile List<ScanView> scans = List.of();
    private volatile List<OnDuty> duty = List.of();
    private volatile String refusal;
    private long nextSeq = 1000;
    final List<VisitorCall> visitors = new CopyOnWriteArrayList<>();
    final List<OverrideCall> overrides = new CopyOnWriteArrayList<>();
    final List<Boolean> dutyArms = new CopyOnWriteArrayList<>();
    final List<Instant> masks = new CopyOnWriteArrayList<>();

    /** Newest first, as the desk gives them. */
    void scans(ScanView... newestFirst) {
        scans = List.of(newestFirst);
    }

    /** Adds {@code scan} as the newest. */
    void add(ScanView scan) {
        List<ScanView> next = new ArrayList<>();
        next.add(scan);
        next.addAll(scans);
        scans = List.copyOf(next);
    }

    void onDuty(OnDuty... people) {
        duty = List.of(people);
    }

    void refuseWith(String message) {
        refusal = message;
    }

    void reset() {
        scans = List.of();
        duty = List.of();
        refusal = null;
        visitors.clear();
        overrides.clear();
        dutyArms.clear();
        masks.clear();
    }

    @Override
    public List<ScanView> recentScans(int limit) {
        List<ScanView> s = scans;
        return s.subList(0, Math.min(limit, s.size()));
    }

    @Override
    public List<OnDuty> onDuty() {
        return duty;
    }

    @Override
    public ActionResult registerVisitor(long unknownSeq, VisitorForm form) {
        visitors.add(new VisitorCall(unknownSeq, form));
        return outcome("已登记 Registered");
    }

    @Override
    public ActionResult override(long deniedSeq, String reasonCode, String byBadgeHash) {
        overrides.add(new OverrideCall(deniedSeq, reasonCode, byBadgeHash));
        return outcome("已放行 Let through");
    }

    @Override
    public ActionResult confirmMask() {
        masks.add(Instant.now());
        return outcome("已确认口罩 Mask confirmed");
    }

    @Override
    public ActionResult armDuty(boolean in) {
        dutyArms.add(in);
        return outcome(in ? "请刷工作证 Present your badge" : "请刷工作证签退 Present your badge to sign out");
    }

    @Override
    public List<String> overrideReasons() {
        return REASONS;
    }

    private synchronized ActionResult outcome(String message) {
        String r = refusal;
        return r != null ? ActionResult.refused(r) : ActionResult.done(++nextSeq, message);
    }
}
