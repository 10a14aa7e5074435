package io.planpulse.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private static final Path ROOT = Path.of(System.getProperty("planpulse.root", "../..")).toAbsolutePath().normalize();

    @Test
    void theOneConfigurationFileIsRenderedWithEveryValueItNames() throws Exception {
        String config = KafkaBroker.configuration(ROOT, Map.of("PORT", "19092", "CONTROLLER_PORT", "19093",
                "ADVERTISED_PORT", "29092", "DATA_DIR", "/tmp/data"));
        assertTrue(config.contains("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093"), config);
        assertTrue(config.contains("advertised.listeners=PLAINTEXT://127.0.0.1:29092"), config);
        assertTrue(config.contains("log.dirs=/tmp/data"), config);
        assertTrue(config.contains("auto.create.topics.enable=false"), config);
        assertFalse(config.contains("${"), config);
    }

    @Test
    void aValueTheFileNamesButNobodyGivesIsAnError() {
        assertThrows(IllegalStateException.class, () -> KafkaBroker.configuration(ROOT, Map.of("PORT", "1")));
    }
}
