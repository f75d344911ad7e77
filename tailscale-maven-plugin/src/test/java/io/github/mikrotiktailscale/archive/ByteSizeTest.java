package io.github.mikrotiktailscale.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "4.0MB, 4000000",
        "3900kB, 3900000",
        "4194304, 4194304",
        "4MiB, 4194304",
        "4 MiB, 4194304",
        "1.5KiB, 1536",
        "812B, 812",
        "4.6 mb, 4600000",
        "1GB, 1000000000"
    })
    void readsSizesAsPeopleWriteThem(String text, long bytes) {
        assertThat(ByteSize.parse(text)).contains(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "four MB", "4 parsecs", "-1MB", "4,0MB", "MB"})
    void rejectsWhatIsNoSize(String text) {
        assertThat(ByteSize.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"812, 812 B", "213400, 213.4 kB", "999949, 999.9 kB", "999954, 1.00 MB", "3470000, 3.47 MB", "-12300, -12.3 kB"})
    void writesDecimalUnits(long bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"12300, +12.3 kB", "-1200000, -1.20 MB", "0, +0 B"})
    void writesChangesWithTheirSign(long delta, String text) {
        assertThat(ByteSize.formatChange(delta)).isEqualTo(text);
    }
}
