package org.gatepost.agent.lists;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatepost.agent.contract.ItemFields;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.contract.PolicyItem;
import org.gatepost.agent.pass.PassList;

/**
 * Turns the items of one list version ({@code docs/mqtt.md}, Lists, Items) into what {@link GateLists#with}
 * takes: residents and badges by hash, quarantine items, blocked households, or the {@link ListPolicy}. All or
 * nothing: the first bad item rejects the version. Stateless.
 */
public final class ListItems {
    private ListItems() {}

    /**
     * @param items every item of the version, parts concatenated in order
     * @return a {@code Map<String, Resident>}, {@code List<QuarantineItem>}, {@code Set<String>},
     * {@code Map<String, Badge>} or {@link ListPolicy}, depending on {@code list}
     * @throws InvalidListException naming the first bad item and its problem
     */
    public static Object parse(String list, long version, List<JsonNode> items) throws InvalidListException {
        int i = 0;
        try {
            switch (list) {
                case GateLists.RESIDENTS -> {
                    Map<String, GateLists.Resident> out = new LinkedHashMap<>();
                    for (; i < items.size(); i++) {
                        GateLists.Resident r = resident(ItemFields.of(items.get(i)));
                        if (out.putIfAbsent(r.hash(), r) != null) {
                            throw new ItemFields.Problem("hash: repeats an earlier item");
                        }
                    }
                    return out;
                }
                case GateLists.QUARANTINE -> {
                    List<GateLists.QuarantineItem> out = new ArrayList<>();
                    for (; i < items.size(); i++) {
                        out.add(quarantine(ItemFields.of(items.get(i))));
                    }
                    return out;
                }
                case GateLists.BLOCKED -> {
                    Set<String> out = new LinkedHashSet<>();
                    for (; i < items.size(); i++) {
                        out.add(ItemFields.of(items.get(i)).text("household"));
                    }
                    return out;
                }
                case GateLists.BADGES -> {
                    Map<String, GateLists.Badge> out = new HashMap<>();
                    for (; i < items.size(); i++) {
                        GateLists.Badge b = badge(ItemFields.of(items.get(i)));
                        if (out.putIfAbsent(b.hash(), b) != null) {
                            throw new ItemFields.Problem("hash: repeats an earlier item");
                        }
                    }
                    return out;
                }
                case GateLists.POLICY -> {
                    if (items.size() != 1) {
                        throw new InvalidListException(
                                list, version, -1, "must have exactly one item, has " + items.size());
                    }
                    return PolicyItem.parse(ItemFields.of(items.getFirst()));
                }
                case GateLists.PASSES -> {
                    Map<String, PublicKey> keys = new HashMap<>();
                    Set<String> revoked = new LinkedHashSet<>();
                    Set<String> used = new LinkedHashSet<>();
                    for (; i < items.size(); i++) {
                        ItemFields f = ItemFields.of(items.get(i));
                        if (f.has("key")) {
                            if (keys.put(f.text("key"), publicKey(f.text("ed25519"))) != null) {
                                throw new ItemFields.Problem("key: repeats an earlier item");
                            }
                        } else {
                            String id = f.text("pass");
                            switch (f.word("state", "revoked", "used")) {
                                case "revoked" -> revoked.add(id);
                                default -> used.add(id);
                            }
                        }
                    }
                    return new PassList(keys, revoked, used);
                }
                default -> throw new InvalidListException(list, version, -1, "unknown list");
            }
        } catch (ItemFields.Problem p) {
            throw new InvalidListException(list, version, i, p.getMessage());
        }
    }

    /** The number of items {@code parsed} holds (as {@link #parse} returned it). */
    public static int count(Object parsed) {
        return switch (parsed) {
            case Map<?, ?> m -> m.size();
            case Collection<?> c -> c.size();
            case ListPolicy p -> 1;
            case PassList p -> p.keys().size() + p.revoked().size() + p.used().size();
            default -> throw new IllegalArgumentException("not a parsed list: " + parsed.getClass());
        };
    }

    /** An Ed25519 public key: base64 (standard, padded) of its X.509 SubjectPublicKeyInfo encoding. */
    private static PublicKey publicKey(String base64) throws ItemFields.Problem {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ItemFields.Problem("ed25519: not a base64 Ed25519 public key");
        }
    }

    private static GateLists.Resident resident(ItemFields f) throws ItemFields.Problem {
        return new GateLists.Resident(
                f.hash("hash"),
                f.text("masked"),
                f.text("name"),
                f.textOrEmpty("building"),
                f.textOrEmpty("unit"),
                f.text("household"),
                f.textOrEmpty("grid"));
    }

    private static GateLists.QuarantineItem quarantine(ItemFields f) throws ItemFields.Problem {
        boolean household = f.has("household");
        if (household == f.has("hash")) {
            throw new ItemFields.Problem("exactly one of household and hash");
        }
        if (household) {
            return new GateLists.QuarantineItem(f.text("household"), null, null, f.instant("until"));
        }
        return new GateLists.QuarantineItem(null, f.hash("hash"), f.textOrEmpty("masked"), f.instant("until"));
    }

    private static GateLists.Badge badge(ItemFields f) throws ItemFields.Problem {
        GateLists.Badge.Role role = switch (f.word("role", "staff", "volunteer")) {
            case "staff" -> GateLists.Badge.Role.STAFF;
            default -> GateLists.Badge.Role.VOLUNTEER;
        };
        return new GateLists.Badge(f.hash("hash"), f.text("masked"), f.text("name"), role);
    }
}
