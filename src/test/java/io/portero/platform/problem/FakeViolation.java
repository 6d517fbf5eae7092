package io.portero.platform.problem;

import jakarta.validation.ConstraintTarget;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Payload;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ValidateUnwrappedValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Bean Validation failure as the mapper reads it: the property path, the invalid value, the
 * message template and the constraint annotation with its attributes.
 */
final class FakeViolation implements ConstraintViolation<Object> {

    private final Path path;
    private final Object invalidValue;
    private final String messageTemplate;
    private final Descriptor descriptor;

    private FakeViolation(Path path, Object invalidValue, Annotation constraint, String messageTemplate) {
        this.path = path;
        this.invalidValue = invalidValue;
        this.descriptor = new Descriptor(constraint);
        this.messageTemplate = messageTemplate;
    }

    /** A failed standard constraint, with its default {@code {jakarta.validation...}} template. */
    static FakeViolation of(Annotation constraint, Object invalidValue, Path path) {
        return new FakeViolation(path, invalidValue, constraint,
                "{jakarta.validation.constraints." + constraint.annotationType().getSimpleName() + ".message}");
    }

    /** A failed constraint whose message is already a Portero violation code. */
    static FakeViolation withCode(Annotation constraint, Object invalidValue, Path path, String code) {
        return new FakeViolation(path, invalidValue, constraint, code);
    }

    /** A property path of {@code (kind, name)} nodes, e.g. METHOD login, PARAMETER request, PROPERTY username. */
    static Path path(Object... kindsAndNames) {
        List<Path.Node> nodes = new ArrayList<>();
        for (int i = 0; i < kindsAndNames.length; i += 2) {
            nodes.add(new Node((ElementKind) kindsAndNames[i], (String) kindsAndNames[i + 1]));
        }
        return new Path() {
            @Override
            public Iterator<Node> iterator() {
                return nodes.iterator();
            }

            @Override
            public String toString() {
                return nodes.stream().map(Path.Node::getName).reduce((a, b) -> a + "." + b).orElse("");
            }
        };
    }

    private record Node(ElementKind kind, String name) implements Path.Node {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public ElementKind getKind() {
            return kind;
        }

        @Override
        public boolean isInIterable() {
            return false;
        }

        @Override
        public Integer getIndex() {
            return null;
        }

        @Override
        public Object getKey() {
            return null;
        }

        @Override
        public <T extends Path.Node> T as(Class<T> nodeType) {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    public Path getPropertyPath() {
        return path;
    }

    @Override
    public Object getInvalidValue() {
        return invalidValue;
    }

    @Override
    public String getMessageTemplate() {
        return messageTemplate;
    }

    @Override
    public ConstraintDescriptor<?> getConstraintDescriptor() {
        return descriptor;
    }

    /** The exception's own text lists this; the mapper never shows it to the client. */
    @Override
    public String getMessage() {
        return messageTemplate;
    }

    @Override
    public Object getRootBean() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Class<Object> getRootBeanClass() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object getLeafBean() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object[] getExecutableParameters() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object getExecutableReturnValue() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U> U unwrap(Class<U> type) {
        throw new UnsupportedOperationException();
    }

    private static final class Descriptor implements ConstraintDescriptor<Annotation> {

        private final Annotation annotation;

        Descriptor(Annotation annotation) {
            this.annotation = annotation;
        }

        @Override
        public Annotation getAnnotation() {
            return annotation;
        }

        @Override
        public Map<String, Object> getAttributes() {
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (Method method : annotation.annotationType().getDeclaredMethods()) {
                try {
                    attributes.put(method.getName(), method.invoke(annotation));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(e);
                }
            }
            return attributes;
        }

        @Override
        public String getMessageTemplate() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<Class<?>> getGroups() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<Class<? extends Payload>> getPayload() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ConstraintTarget getValidationAppliesTo() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Class<? extends jakarta.validation.ConstraintValidator<Annotation, ?>>> getConstraintValidatorClasses() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<ConstraintDescriptor<?>> getComposingConstraints() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isReportAsSingleViolation() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ValidateUnwrappedValue getValueUnwrapping() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U> U unwrap(Class<U> type) {
            throw new UnsupportedOperationException();
        }
    }
}
