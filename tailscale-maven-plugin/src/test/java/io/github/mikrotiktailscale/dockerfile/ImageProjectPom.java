package io.github.mikrotiktailscale.dockerfile;

import io.github.mikrotiktailscale.image.ImageSpec;
import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourcePatch;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the plugin configuration of {@code image-project/pom.xml}, so the golden tests render
 * exactly what the image project configures rather than a copy of it.
 */
final class ImageProjectPom {

    static final Path POM = Path.of("..", "image-project", "pom.xml");

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private ImageProjectPom() {}

    static ImageSpec.Builder configuration() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        var document = factory.newDocumentBuilder().parse(POM.toFile());
        var project = document.getDocumentElement();
        var properties = new HashMap<String, String>();
        var props = child(project, "properties");
        if (props != null) {
            forEachChild(props, e -> properties.put(e.getTagName(), e.getTextContent().trim()));
        }
        // The default build only: profiles (local bases, the seeds' selection) change it on purpose.
        Element configuration = null;
        var build = child(project, "build");
        var plugins = build == null ? null : child(build, "plugins");
        if (plugins != null) {
            for (var node = plugins.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element plugin
                        && "tailscale-maven-plugin".equals(text(plugin, "artifactId", properties))) {
                    configuration = child(plugin, "configuration");
                }
            }
        }
        if (configuration == null) {
            throw new IllegalStateException("no tailscale-maven-plugin configuration in " + POM);
        }
        var builder = ImageSpec.builder();
        var config = configuration;
        forEachChild(config, e -> {
            switch (e.getTagName()) {
                case "tailscaleVersion" -> builder.tailscaleVersion(interpolate(e.getTextContent(), properties));
                case "busyboxVersion" -> builder.busyboxVersion(interpolate(e.getTextContent(), properties));
                case "busyboxSha256" -> builder.busyboxSha256(interpolate(e.getTextContent(), properties));
                case "builderImage" -> builder.builderImage(interpolate(e.getTextContent(), properties));
                case "busyboxImage" -> builder.busyboxImage(interpolate(e.getTextContent(), properties));
                case "trustStore" -> builder.trustStore(interpolate(e.getTextContent(), properties));
                case "budgets" -> {
                    // verify-size's, not part of the image specification
                }
                case "imageSource", "imageTitle", "imageDescription" ->
                        throw new IllegalStateException("map <" + e.getTagName() + "> in ImageProjectPom");
                case "features" -> forEachChild(e, f -> builder.feature(text(f, "name", properties),
                        text(f, "reason", properties)));
                case "acceptMissing" -> forEachChild(e, f -> builder.acceptMissing(text(f, "name", properties),
                        text(f, "reason", properties)));
                case "leftOut" -> forEachChild(e, f -> builder.leftOut(java.util.List.of(new io.github.mikrotiktailscale
                        .feature.FeatureChoice(text(f, "name", properties), text(f, "reason", properties)))));
                // paths relative to the image project, as Maven resolves them
                case "patches" -> forEachChild(e, f -> builder.patch(new SourcePatch(
                        POM.getParent().resolve(text(f, "file", properties)), text(f, "reason", properties),
                        text(f, "provides", properties))));
                case "sourceFiles" -> forEachChild(e, f -> builder.sourceFile(new SourceFile(
                        POM.getParent().resolve(text(f, "file", properties)), text(f, "target", properties),
                        text(f, "reason", properties), text(f, "provides", properties))));
                // read by the release goals and the smoke test, not part of what is rendered
                case "image", "memoryBudget", "testedBases" -> { }
                // the build goal's advice when the base images cannot be pulled, not part of what is rendered
                case "baseImageFallback" -> { }
                default -> throw new IllegalStateException("ImageProjectPom does not know <" + e.getTagName()
                        + "> yet: teach it, so the golden test keeps rendering what the pom configures");
            }
        });
        return builder;
    }

    private static String interpolate(String text, Map<String, String> properties) {
        var m = PROPERTY.matcher(text.trim());
        var out = new StringBuilder();
        while (m.find()) {
            var value = properties.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("unknown property ${" + m.group(1) + "} in " + POM);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Element parent, String name, Map<String, String> properties) {
        var element = child(parent, name);
        return element == null ? null : interpolate(element.getTextContent(), properties);
    }

    private static Element child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static void forEachChild(Element parent, java.util.function.Consumer<Element> action) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                action.accept((Element) node);
            }
        }
    }
}
