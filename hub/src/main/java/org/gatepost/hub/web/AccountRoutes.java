package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.gatepost.hub.auth.Accounts;
import org.gatepost.hub.auth.InvalidAccountException;
import org.gatepost.hub.store.Account;
import org.gatepost.hub.store.AuditRecord;
import org.gatepost.hub.store.DuplicateAccountException;
import org.gatepost.hub.store.StoreException;

/** Operator-only: the accounts ({@code /api/users}) and the audit log ({@code /api/audit}). Thread safe. */
final class AccountRoutes {
    private static final Pattern AUDIT_WORD = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Accounts accounts;

    AccountRoutes(Accounts accounts) {
        this.accounts = accounts;
    }

    void list(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of());
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        ArrayNode users = body.putArray("users");
        accounts.store().accounts().forEach(a -> users.add(user(a)));
        ApiRoutes.send(ctx, 200, body);
    }

    void create(Context ctx) throws ApiException, StoreException {
        JsonBody body = JsonBody.of(ctx, Set.of("name", "role", "password"));
        String actor = AuthFilter.session(ctx).name();
        try {
            Account a = accounts.create(
                    actor,
                    body.required("name", 64),
                    body.required("role", 32),
                    body.required("password", 200),
                    ClientAddress.of(ctx));
            ApiRoutes.send(ctx, 201, user(a));
        } catch (InvalidAccountException e) {
            throw new ApiException(400, e.getMessage(), e.field());
        } catch (DuplicateAccountException e) {
            throw new ApiException(409, e.getMessage(), "name");
        }
    }

    void audit(Context ctx) throws BadRequestException, StoreException {
        QueryParams.allowOnly(ctx, Set.of("actor", "action", "limit"));
        Optional<String> actor = QueryParams.matching(ctx, "actor", AUDIT_WORD, "an account name");
        Optional<String> action = QueryParams.matching(ctx, "action", AUDIT_WORD, "an action like login");
        ObjectNode body = JsonViews.MAPPER.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (AuditRecord r : accounts.store().auditLog(actor, action, QueryParams.limit(ctx))) {
            ObjectNode n = events.addObject();
            n.put("id", r.id());
            n.put("at", JsonViews.time(r.at()));
            n.put("actor", r.actor());
            n.put("action", r.action());
            n.put("target", r.target());
            n.put("detail", r.detail());
            n.put("remote", r.remote());
        }
        ApiRoutes.send(ctx, 200, body);
    }

    private static ObjectNode user(Account a) {
        ObjectNode n = JsonViews.MAPPER.createObjectNode();
        n.put("name", a.name());
        n.put("role", a.role());
        n.put("created_at", JsonViews.time(a.createdAt()));
        n.put("password_changed_at", JsonViews.time(a.passwordChangedAt()));
        return n;
    }
}
