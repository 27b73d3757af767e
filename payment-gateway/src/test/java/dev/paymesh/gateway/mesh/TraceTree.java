package dev.paymesh.gateway.mesh;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.paymesh.gateway.mesh.OtlpReceiver.ReceivedSpan;

/** The spans of one trace with parent/child navigation, and a text rendering for failure messages. */
public record TraceTree(List<ReceivedSpan> spans) {

    public List<ReceivedSpan> roots() {
        return spans.stream().filter(span -> span.parentSpanId().isEmpty()).toList();
    }

    public List<ReceivedSpan> orphans() {
        return spans.stream()
                .filter(span -> !span.parentSpanId().isEmpty() && parentOf(span).isEmpty())
                .toList();
    }

    public Optional<ReceivedSpan> parentOf(ReceivedSpan span) {
        return spans.stream().filter(candidate -> candidate.spanId().equals(span.parentSpanId())).findFirst();
    }

    public List<ReceivedSpan> childrenOf(ReceivedSpan span) {
        return spans.stream().filter(child -> child.parentSpanId().equals(span.spanId())).toList();
    }

    public ReceivedSpan only(String service, String name) {
        List<ReceivedSpan> matches = spans.stream()
                .filter(span -> span.service().equals(service) && span.name().equals(name)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("Expected one span " + service + " '" + name + "', found " + matches.size() + " in\n" + this);
        }
        return matches.get(0);
    }

    /** The single child of {@code parent} matching service, kind and name prefix. */
    public ReceivedSpan childOf(ReceivedSpan parent, String service, io.opentelemetry.proto.trace.v1.Span.SpanKind kind,
            String namePrefix) {
        List<ReceivedSpan> matches = childrenOf(parent).stream()
                .filter(span -> span.service().equals(service) && span.kind() == kind && span.name().startsWith(namePrefix))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError("Expected one " + kind + " child '" + namePrefix + "' of " + parent.service() + " '"
                    + parent.name() + "', found " + matches.size() + " in\n" + this);
        }
        return matches.get(0);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        roots().forEach(root -> render(root, "", text));
        orphans().forEach(orphan -> render(orphan, "(orphan) ", text));
        return text.toString();
    }

    private void render(ReceivedSpan span, String indent, StringBuilder text) {
        text.append(indent).append(span.service()).append(' ').append(span.kind().name().replace("SPAN_KIND_", ""))
                .append(" '").append(span.name()).append("' ").append(span.status().name().replace("STATUS_CODE_", ""))
                .append(' ').append(span.attributes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(Object::toString).collect(Collectors.joining(", ", "{", "}")))
                .append('\n');
        childrenOf(span).stream().sorted(Comparator.comparing(ReceivedSpan::name))
                .forEach(child -> render(child, indent + "  ", text));
    }
}
