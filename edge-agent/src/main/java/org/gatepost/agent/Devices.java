package org.gatepost.agent;

import com.pi4j.context.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.config.ModbusConfig;
import org.gatepost.agent.config.ReaderConfig;
import org.gatepost.agent.config.ReaderKind;
import org.gatepost.agent.config.ThermometerKind;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.Device;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.device.TemperatureReading;
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
import org.gatepost.agent.device.thermometer.ThermometerDriver;
import org.gatepost.agent.device.wiegand.WiegandReader;
import org.gatepost.agent.device.wiegand.WiegandSettings;
import org.gatepost.agent.gpio.Pi4jWiegandLines;

/**
 * The device factory: builds every configured device (one thermometer, the ID card reader, the extra readers)
 * with its driver and keeps them together for starting, health reports and closing. The one place that turns a
 * {@link ThermometerKind} or {@link ReaderKind} into a driver; no device logic here. ID cards arrive with the name
 * of the reader that read them ({@code idcard} for the one of {@code idcard.*}).
 */
final class Devices implements AutoCloseable {
    /**
     * One running device as the agent sees it.
     *
     * @param kind           {@link DeviceReport#THERMOMETER} or {@link DeviceReport#READER}, for the heartbeat
     * @param configuredPort the port its health names until the driver opens a link; null for none (GPIO lines)
     */
    record Managed(String kind, Device device, String configuredPort) {
        String name() {
            return device.name();
        }

        /** The driver's health, naming the configured port until a link is open (drivers learn it on connect). */
        DeviceHealth health() {
            DeviceHealth h = device.health();
            return configuredPort == null ? h : h.withPortOr(configuredPort);
        }
    }

    private final List<Managed> all = new ArrayList<>();

    Devices(
            AgentConfig config,
            Clock clock,
            Context gpio,
            Consumer<TemperatureReading> temperatures,
            BiConsumer<String, CardRead> cards,
            Consumer<CredentialRead> credentials) {
        all.add(new Managed(
                DeviceReport.THERMOMETER, thermometer(config, clock, temperatures), config.thermometerPort()));
        all.add(new Managed(
                DeviceReport.READER,
                idCardReader("idcard", config.idcardPort(), config.idcardBaud(), clock, cards),
                config.idcardPort()));
        for (ReaderConfig r : config.readers()) {
            all.add(new Managed(DeviceReport.READER, reader(r, clock, gpio, cards, credentials), r.port()));
        }
    }

    private static Device thermometer(AgentConfig config, Clock clock, Consumer<TemperatureReading> sink) {
        String name = "thermometer";
        String port = config.thermometerPort();
        return switch (config.thermometerKind()) {
            case GY_MCU -> {
                SerialLinkFactory links = config.thermometerBaud() == AgentConfig.AUTO_BAUD
                        ? new BaudProbe(baud -> SerialLinks.factory(port, baud), BaudProbe.ANSWER_WITHIN)
                        : SerialLinks.factory(port, config.thermometerBaud());
                ThermometerDriver d =
                        new ThermometerDriver(name, links, clock, sink, ThermometerDriver.DEFAULT_SILENCE_LIMIT);
                if (config.thermometerQuery() != null) {
                    d.queryEvery(config.thermometerQuery());
                }
                yield d;
            }
            case MODBUS ->
                new ModbusThermometerDriver(
                        name,
                        SerialLinks.factory(port, config.thermometerBaud()),
                        clock,
                        sink,
                        modbusSettings(config.modbus(), config.thermometerBaud()));
        };
    }

    private static ModbusThermometerSettings modbusSettings(ModbusConfig m, int baud) {
        return new ModbusThermometerSettings(
                m.slave(),
                m.objectRegister(),
                m.ambientRegister() < 0 ? ModbusThermometerSettings.NO_REGISTER : m.ambientRegister(),
                m.ambientRegister() < 0 ? 1 : Math.abs(m.ambientRegister() - m.objectRegister()) + 1,
                m.scale() == 0.1 ? ModbusThermometerSettings.Scale.TENTHS : ModbusThermometerSettings.Scale.HUNDREDTHS,
                m.signMagnitude()
                        ? ModbusThermometerSettings.Signedness.SIGN_MAGNITUDE
                        : ModbusThermometerSettings.Signedness.TWOS_COMPLEMENT,
                ModbusThermometerSettings.NO_REGISTER,
                0,
                baud,
                m.poll(),
                ModbusThermometerSettings.DEFAULT_RESPONSE_TIMEOUT);
    }

    private static Device reader(
            ReaderConfig r,
            Clock clock,
            Context gpio,
            BiConsumer<String, CardRead> cards,
            Consumer<CredentialRead> credentials) {
        return switch (r.kind()) {
            case RDM6300 ->
                new Rdm6300Driver(
                        r.name(),
                        SerialLinks.factory(r.port(), r.baud()),
                        clock,
                        credentials,
                        Rdm6300Settings.DEFAULT.withRemovalSilence(r.quiet()));
            case QR ->
                new ScannerDriver(
                        r.name(),
                        SerialLinks.factory(r.port(), r.baud()),
                        clock,
                        credentials,
                        ScannerSettings.DEFAULT
                                .withTerminator(ScannerSettings.Terminator.parse(r.terminator()))
                                .withEncoding(ScannerSettings.TextEncoding.parse(r.charset()))
                                .withMaxLengthBytes(r.maxLength())
                                .withIdleGap(r.quiet()));
            case WIEGAND ->
                new WiegandReader(
                        r.name(),
                        new Pi4jWiegandLines(gpio, r.name(), r.d0Pin(), r.d1Pin()),
                        clock,
                        credentials,
                        new WiegandSettings(r.quiet(), WiegandSettings.DEFAULTS.tickInterval()));
            case SAM -> idCardReader(r.name(), r.port(), r.baud(), clock, cards);
        };
    }

    private static Device idCardReader(
            String name, String port, int baud, Clock clock, BiConsumer<String, CardRead> cards) {
        return new IdCardReaderDriver(
                name,
                SerialLinks.factory(port, baud),
                clock,
                read -> cards.accept(name, read),
                IdCardReaderDriver.DEFAULT_POLL_INTERVAL);
    }

    void start() {
        for (Managed m : all) {
            m.device().start();
        }
    }

    List<Managed> all() {
        return List.copyOf(all);
    }

    DeviceHealth health(String name) {
        for (Managed m : all) {
            if (m.name().equals(name)) {
                return m.health();
            }
        }
        throw new IllegalArgumentException("no device " + name);
    }

    /** Every device with its kind, for the heartbeat and the console. */
    List<DeviceReport> reports() {
        return all.stream().map(m -> new DeviceReport(m.kind(), m.health())).toList();
    }

    @Override
    public void close() {
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).device().close();
            } catch (RuntimeException e) {
                // closing: keep closing the others
            }
        }
    }
}
