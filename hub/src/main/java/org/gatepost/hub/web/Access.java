package org.gatepost.hub.web;

import io.javalin.security.RouteRole;

/** Route marks checked before the handler runs; a route without one is open to every signed-in account. */
enum Access implements RouteRole {
    /** Only accounts with the operator role; observers get 403. */
    OPERATOR
}
