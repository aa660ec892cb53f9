package org.gatepost.hub.lists;

import java.util.Optional;
import org.gatepost.hub.store.ListVersion;

/**
 * What an import did.
 *
 * @param applied the new version when the valid rows replaced the list; empty for a dry run, a bad header, or a
 *                file with rows of which none was valid
 */
public record ImportOutcome(ImportReport report, boolean dryRun, Optional<ListVersion> applied) {}
