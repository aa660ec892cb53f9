package org.gatepost.hub.testing;

/** The hub's storage backends; store, ingest, alert, list and API tests run on each. */
public enum Backend {
    SQLITE,
    POSTGRESQL
}
