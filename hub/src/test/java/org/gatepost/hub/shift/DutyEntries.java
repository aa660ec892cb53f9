package org.gatepost.hub.shift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.lists.CredentialHasher;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;

/**
 * Entries of the rules' contract for one gate, made from {@code entry-retest.json}, with credentials hashed under
 * {@link TestHubs#SECRET} so they match badges imported into a test hub, published like an agent publishes them.
 */
public final class DutyEntries {
    /** The volunteer 王芳 and the staff member 赵强 of {@link #BADGES_CSV}. */
    public static final String WANG = "110105198001010016";

    public static final String ZHAO = "A1B2C3D4";
    public static final String BADGES_CSV = "姓名,证件号,角色\n王芳," + WANG + ",志愿者\n赵强," + ZHAO + ",工作人员\n";
    public static final String RESIDENT = "11010519491231002X";
    private static final String EPOCH = "0123456789abcdef";
    private static final CredentialHasher HASHER = new CredentialHasher(TestHubs.SECRET);

    private final TestGateClient client;
    private final String gate;

    public DutyEntries(TestGateClient client, String gate) {
        this.client = client;
        this.gate = gate;
    }

    /** Publishes entry {@code seq} with this decision by {@code number}'s credential at the gate's time {@code at}. */
    public void publish(long seq, String at, String decision, String number, String role) throws Exception {
        publish(entry(seq, at, decision, number, role));
    }

    public void publish(ObjectNode entry) throws Exception {
        client.publish(Topics.entries(gate), entry.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The badge hash of {@code number} under the test hub's secret. */
    public static String badgeHash(String number) {
        return HASHER.hash(number);
    }

    /** Entry {@code seq} as {@link #publish(long, String, String, String, String)} would send it, to edit first. */
    public ObjectNode entry(long seq, String at, String decision, String number, String role) {
        ObjectNode n = Contract.json("entry-retest.json");
        n.put("gate", gate);
        n.put("epoch", EPOCH);
        n.put("seq", seq);
        n.put("id", gate + "-" + EPOCH + "-" + seq);
        n.put("at", Instant.parse(at).toString());
        n.put("decision", decision);
        n.put("admitted", decision.equals("admit"));
        n.remove("retest");
        ObjectNode c = (ObjectNode) n.get("credential");
        c.put("hash", HASHER.hash(number));
        c.put("masked", CredentialHasher.mask(number));
        ((ObjectNode) n.get("person")).put("role", role);
        if (decision.startsWith("sign-")) {
            n.putNull("temperature");
            n.putNull("direction");
        }
        n.putArray("duty").add(HASHER.hash(WANG));
        return n;
    }

    /** Imports {@link #BADGES_CSV} as GBK through the API, as an operator would. */
    public static void importBadges(int httpPort, String cookie, String csrf) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/lists/badges/import"))
                                .header("Cookie", cookie)
                                .header("X-CSRF-Token", csrf)
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(BADGES_CSV.getBytes("GBK")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("badges import refused: " + r.statusCode() + " " + r.body());
        }
    }
}
