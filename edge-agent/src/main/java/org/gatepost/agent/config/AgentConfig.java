package org.gatepost.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agent's configuration, read once from a properties file and validated. Every key is documented in
 * {@code docs/configuration.md}; {@code docs/agent.example.properties} is a complete example.
 */
public record AgentConfig(
        String gateId,
        String communitySecret,
        String mqttUrl,
        String mqttUsername,
        String mqttPassword,
        Path storePath,
        ThermometerKind thermometerKind,
        String thermometerPort,
        int thermometerBaud,
        double thermometerOffset,
        String idcardPort,
        int idcardBaud,
        double feverThreshold,
        Duration measureWindow,
        int measureSamples,
        GpioConfig gpio,
        ModbusConfig modbus,
        List<ReaderConfig> readers,
        OutboxConfig outbox,
        Duration thermometerQuery,
        ConsoleConfig console,
        GateRulesConfig rules,
        HealthConfig health) {

    public static final Pattern GATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    public static final int MIN_SECRET_LENGTH = 16;
    /** The keys whose values are secrets (never logged; the file holding them should be mode 600). */
    public static final Set<String> SECRET_KEYS = Set.of("community.secret", "mqtt.password", "console.pin");

    public static final String DEFAULT_MQTT_URL = "tcp://127.0.0.1:1883";
    public static final String DEFAULT_STORE_PATH = "gatepost-agent.db";
    public static final int DEFAULT_THERMOMETER_BAUD = 9600;
    public static final int DEFAULT_IDCARD_BAUD = 115200;
    /** {@code thermometer.baud=auto}: probe 9600 and 115200 (GY-MCU only). */
    public static final int AUTO_BAUD = 0;

    public static final Duration DEFAULT_QUERY_INTERVAL = Duration.ofMillis(200);
    public static final double DEFAULT_FEVER_THRESHOLD = 37.3;
    public static final Duration DEFAULT_MEASURE_WINDOW = Duration.ofSeconds(3);
    public static final int DEFAULT_MEASURE_SAMPLES = 3;

    public AgentConfig {
        Objects.requireNonNull(gateId, "gateId");
        Objects.requireNonNull(communitySecret, "communitySecret");
        Objects.requireNonNull(mqttUrl, "mqttUrl");
        Objects.requireNonNull(storePath, "storePath");
        Objects.requireNonNull(thermometerPort, "thermometerPort");
        Objects.requireNonNull(idcardPort, "idcardPort");
        Objects.requireNonNull(measureWindow, "measureWindow");
        Objects.requireNonNull(gpio, "gpio");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(thermometerKind, "thermometerKind");
        Objects.requireNonNull(console, "console");
        readers = List.copyOf(readers);
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(health, "health");
    }

    /** The configured {@code thermometer.protocol} value, as logs and reports show it. */
    public String thermometerProtocol() {
        return thermometerKind.wire();
    }

    /** Reads and validates {@code file}; the exception names the first bad key. */
    public static AgentConfig load(Path file) throws ConfigException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("(file)", "cannot read " + file + ": " + e.getMessage());
        }
        return parse(p, file.toAbsolutePath().getParent());
    }

    /** Validates {@code p}; relative paths resolve against {@code baseDir}. */
    public static AgentConfig parse(Properties p, Path baseDir) throws ConfigException {
        Properties2 c = new Properties2(p);
        String gate = c.required("gate.id");
        if (!GATE_ID.matcher(gate).matches()) {
            throw new ConfigException(
                    "gate.id",
                    "must be 1-64 letters, digits, '-' or '_' starting with a letter or digit, got '" + gate + "'");
        }
        String secret = c.required("community.secret");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException("community.secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        String url = c.string("mqtt.url", DEFAULT_MQTT_URL);
        if (!(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
            throw new ConfigException("mqtt.url", "must start with tcp:// or ssl://, got '" + url + "'");
        }
        String user = c.string("mqtt.username", null);
        String password = c.string("mqtt.password", null);
        if (password != null && user == null) {
            throw new ConfigException("mqtt.password", "is set but mqtt.username is not");
        }
        Path store = baseDir.resolve(c.string("store.path", DEFAULT_STORE_PATH));
        ThermometerKind thermometerKind = ThermometerKind.parse(
                "thermometer.protocol", c.string("thermometer.protocol", ThermometerKind.GY_MCU.wire()));
        boolean modbus = thermometerKind == ThermometerKind.MODBUS;
        boolean gyMcu = thermometerKind == ThermometerKind.GY_MCU; // auto baud and query mode are GY-MCU only
        GpioConfig gpio = GpioConfig.parse(c);
        AgentConfig cfg = new AgentConfig(
                gate,
                secret,
                url,
                user,
                password,
                store,
                thermometerKind,
                c.required("thermometer.port"),
                "auto".equalsIgnoreCase(c.string("thermometer.baud", "")) && gyMcu
                        ? AUTO_BAUD
                        : baud(c, "thermometer.baud", DEFAULT_THERMOMETER_BAUD),
                OffsetTable.offset(c, c.decimal("thermometer.offset", 0.0, -5.0, 5.0)),
                c.required("idcard.port"),
                baud(c, "idcard.baud", DEFAULT_IDCARD_BAUD),
                c.decimal("fever.threshold", DEFAULT_FEVER_THRESHOLD, 35.0, 42.0),
                c.duration("measure.window", DEFAULT_MEASURE_WINDOW, Duration.ofMillis(200), Duration.ofSeconds(30)),
                c.integer("measure.samples", DEFAULT_MEASURE_SAMPLES, 1, 50),
                gpio,
                modbus ? ModbusConfig.parse(c) : null,
                ReaderConfig.parse(c),
                OutboxConfig.parse(c),
                thermometerQuery(c, gyMcu),
                ConsoleConfig.parse(c),
                GateRulesConfig.parse(c, gpio),
                HealthConfig.parse(c));
        c.rejectUnknown();
        return cfg;
    }

    /** GY-MCU {@code thermometer.mode=query}: the query interval; null for continuous streaming (the default). */
    private static Duration thermometerQuery(Properties2 c, boolean gyMcu) throws ConfigException {
        String mode = c.string("thermometer.mode", "continuous").toLowerCase(Locale.ROOT);
        Duration interval = c.duration(
                "thermometer.query-interval", DEFAULT_QUERY_INTERVAL, Duration.ofMillis(100), Duration.ofSeconds(5));
        return switch (mode) {
            case "continuous" -> null;
            case "query" -> {
                if (!gyMcu) {
                    throw new ConfigException(
                            "thermometer.mode", "query applies to gy-mcu; Modbus sensors are always polled");
                }
                yield interval;
            }
            default -> throw new ConfigException("thermometer.mode", "must be continuous or query, got '" + mode + "'");
        };
    }

    static int baud(Properties2 c, String key, int fallback) throws ConfigException {
        int b = c.integer(key, fallback, 1200, 921600);
        return switch (b) {
            case 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600 -> b;
            default -> throw new ConfigException(key, "must be a standard baud rate such as 9600 or 115200, got " + b);
        };
    }

    @Override
    public String toString() {
        return "AgentConfig[gate=" + gateId + " mqtt=" + mqttUrl + " store=" + storePath
                + " thermometer=" + thermometerPort + "@" + thermometerBaud + " idcard=" + idcardPort + "@" + idcardBaud
                + " readers="
                + readers.stream().map(r -> r.name() + ":" + r.protocol()).toList()
                + " threshold=" + feverThreshold + " offset=" + thermometerOffset + " gpio=" + gpio.mode() + " "
                + console + "]";
    }
}
