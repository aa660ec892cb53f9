package org.gatepost.agent.console;

import org.gatepost.agent.checkpoint.VolunteerDesk;

import java.util.List;

/**
 * A desk for an agent whose checkpoint does not implement {@link VolunteerDesk} yet: no scans, nobody on duty,
 * every action refused with a message the console shows. Stateless and thread safe.
 */
public final class UnavailableDesk implements VolunteerDesk {
    static final String MESSAGE = "此功能暂不可用 Not available at this gate";

    @Override
    public List<ScanView> recentScans(int limit) {
        return List.of();
    }

    @Override
    public List<OnDuty> onDuty() {
        return List.of();
    }

    @Override
    public ActionResult registerVisitor(long unknownSeq, VisitorForm form) {
        return ActionResult.refused(MESSAGE);
    }

    @Override
    public ActionResult override(long deniedSeq, String reasonCode, String byBadgeHash) {
        return ActionResult.refused(MESSAGE);
    }

    @Override
    public ActionResult confirmMask() {
        return ActionResult.refused(MESSAGE);
    }

    @Override
    public ActionResult armDuty(boolean in) {
        return ActionResult.refused(MESSAGE);
    }

    @Override
    public List<String> overrideReasons() {
        return List.of();
    }
}
