package org.gatepost.agent;

import com.pi4j.context.Context;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.config.ModbusConfig;
import org.gatepost.agent.config.ReaderConfig;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.idcard.CardRead;
import org.gatepost.agent.device.idcard.IdCardReaderDriver;
import org.gatepost.agent.device.modbus.ModbusThermometerDriver;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings;
import org.gatepost.agent.device.rfid.Rdm6300Driver;
import org.gatepost.agent.device.rfid.Rdm6300Settings;
import org.gatepost.agent.device.scanner.ScannerDriver;
import org.gatepost.agent.device.scanner.ScannerSettings;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.agent.device.serial.SerialLinks;
import org.gatepost.agent.device.thermometer.BaudProbe;
import org.gatepost.agent.device.thermometer.TemperatureReading;
import org.gatepost.agent.device.thermometer.ThermometerDriver;
import org.gatepost.agent.device.wiegand.Pi4jWiegandLines;
import org.gatepost.agent.device.wiegand.WiegandReader;
import org.gatepost.agent.device.wiegand.WiegandSettings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds every configured device (one thermometer, the ID card reader, the extra readers) with its driver and
 * keeps them together for starting, health reports and closing. Composition only; no device logic here. ID cards
 * arrive with the name of the reader that read them ({@code idcard} for the one of {@code idcard.*}).
 */
final class Devices implements AutoCloseable {
    /** One running device as the agent sees it. */
    record Managed(String name, String kind, Runnable start, Supplier<DeviceHealth> health, AutoCloseable stop) {
    }

    private final List<Managed> all = new ArrayList<>();

    Devices(AgentConfig config, Clock clock, Context gpio, Consumer<TemperatureReading> temperatures,
            BiConsumer<String, CardRead> cards, Consumer<CredentialRead> credentials) {
        all.add(thermometer(config, clock, temperatures));
        IdCardReaderDriver idcard = new IdCardReaderDriver("idcard",
                SerialLinks.factory(config.idcardPort(), config.idcardBaud()), clock, read -> cards.accept("idcard", read),
                IdCardReaderDriver.DEFAULT_POLL_INTERVAL);
        all.add(new Managed("idcard", "reader", idcard::start, named(idcard::health, config.idcardPort()), idcard));
        for (ReaderConfig r : config.readers()) all.add(reader(r, clock, gpio, cards, credentials));
    }

    private static Managed thermometer(AgentConfig config, Clock clock, Consumer<TemperatureReading> sink) {
        if ("modbus".equals(config.thermometerProtocol())) {
            ModbusConfig m = config.modbus();
            ModbusThermometerSettings s = new ModbusThermometerSettings(m.slave(), m.objectRegister(),
                    m.ambientRegister() < 0 ? ModbusThermometerSettings.NO_REGISTER : m.ambientRegister(),
                    m.ambientRegister() < 0 ? 1 : Math.abs(m.ambientRegister() - m.objectRegister()) + 1,
                    m.scale() == 0.1 ? ModbusThermometerSettings.Scale.TENTHS : ModbusThermometerSettings.Scale.HUNDREDTHS,
                    m.signMagnitude() ? ModbusThermometerSettings.Signedness.SIGN_MAGNITUDE
                            : ModbusThermometerSettings.Signedness.TWOS_COMPLEMENT,
                    ModbusThermometerSettings.NO_REGISTER, 0, config.thermometerBaud(), m.poll(),
                    ModbusThermometerSettings.DEFAULT_RESPONSE_TIMEOUT);
            ModbusThermometerDriver d = new ModbusThermometerDriver("thermometer",
                    SerialLinks.factory(config.thermometerPort(), config.thermometerBaud()), clock, sink, s);
            return new Managed("thermometer", "thermometer", d::start, named(d::health, config.thermometerPort()), d);
        }
        SerialLinkFactory links = config.thermometerBaud() == AgentConfig.AUTO_BAUD
                ? new BaudProbe(baud -> SerialLinks.factory(config.thermometerPort(), baud), BaudProbe.ANSWER_WITHIN)
                : SerialLinks.factory(config.thermometerPort(), config.thermometerBaud());
        ThermometerDriver d = new ThermometerDriver("thermometer", links, clock, sink, ThermometerDriver.DEFAULT_SILENCE_LIMIT);
        if (config.thermometerQuery() != null) d.queryEvery(config.thermometerQuery());
        return new Managed("thermometer", "thermometer", d::start, named(d::health, config.thermometerPort()), d);
    }

    /** The driver's health, naming the configured port until a link is open (drivers learn it on connect). */
    private static Supplier<DeviceHealth> named(Supplier<DeviceHealth> health, String configuredPort) {
        return () -> health.get().withPortOr(configuredPort);
    }

    private static Managed reader(ReaderConfig r, Clock clock, Context gpio, BiConsumer<String, CardRead> cards,
                                  Consumer<CredentialRead> credentials) {
        return switch (r.protocol()) {
            case "rdm6300" -> {
                Rdm6300Driver d = new Rdm6300Driver(r.name(), SerialLinks.factory(r.port(), r.baud()), clock, credentials,
                        Rdm6300Settings.DEFAULT.withRemovalSilence(r.quiet()));
                yield new Managed(r.name(), "reader", d::start, named(d::health, r.port()), d);
            }
            case "qr" -> {
                ScannerSettings s = ScannerSettings.DEFAULT
                        .withTerminator(ScannerSettings.Terminator.parse(r.terminator()))
                        .withEncoding(ScannerSettings.TextEncoding.parse(r.charset()))
                        .withMaxLengthBytes(r.maxLength())
                        .withIdleGap(r.quiet());
                ScannerDriver d = new ScannerDriver(r.name(), SerialLinks.factory(r.port(), r.baud()), clock, credentials, s);
                yield new Managed(r.name(), "reader", d::start, named(d::health, r.port()), d);
            }
            case "wiegand" -> {
                Pi4jWiegandLines lines = new Pi4jWiegandLines(gpio, r.name(), r.d0Pin(), r.d1Pin());
                WiegandReader d = new WiegandReader(r.name(), lines, clock, credentials,
                        new WiegandSettings(r.quiet(), WiegandSettings.DEFAULTS.tickInterval()));
                yield new Managed(r.name(), "reader", d::start, d::health, d);
            }
            case "sam" -> {
                IdCardReaderDriver d = new IdCardReaderDriver(r.name(), SerialLinks.factory(r.port(), r.baud()), clock,
                        read -> cards.accept(r.name(), read), IdCardReaderDriver.DEFAULT_POLL_INTERVAL);
                yield new Managed(r.name(), "reader", d::start, named(d::health, r.port()), d);
            }
            default -> throw new IllegalArgumentException("unknown reader protocol " + r.protocol().toLowerCase(Locale.ROOT));
        };
    }

    void start() {
        for (Managed m : all) m.start().run();
    }

    List<Managed> all() {
        return List.copyOf(all);
    }

    DeviceHealth health(String name) {
        for (Managed m : all) if (m.name().equals(name)) return m.health().get();
        throw new IllegalArgumentException("no device " + name);
    }

    @Override
    public void close() {
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).stop().close();
            } catch (Exception e) {
                // closing: keep closing the others
            }
        }
    }
}
