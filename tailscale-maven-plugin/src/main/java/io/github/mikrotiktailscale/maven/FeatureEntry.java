package io.github.mikrotiktailscale.maven;

/**
 * A feature named in the pom, with the reason for it:
 * {@code <feature><name>dns</name><reason>MagicDNS for *.ts.net</reason></feature>}.
 */
public class FeatureEntry {

    /** The feature's name in Tailscale's catalogue. */
    private String name;

    /** One line saying why. */
    private String reason;

    public FeatureEntry() {}

    public FeatureEntry(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    public String getName() {
        return name;
    }

    public String getReason() {
        return reason;
    }

    /** Lets {@code <feature>dns</feature>} work too; the missing reason is then reported. */
    public void set(String name) {
        this.name = name;
    }
}
