package dev.shutter.command.personal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shutter.events.personal.PersonalDataCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event store's serializer: Axon's Jackson serializer, except that the personal data of an event is sealed with
 * its subject's key on the way into the store and opened on the way out. Everything that reads events through Axon -
 * aggregates, the relay, the export - sees plain events; the store holds ciphertext, and what a destroyed key sealed
 * reads as {@code null}.
 */
public class SealingSerializer implements Serializer {

    private final JacksonSerializer delegate;
    private final ObjectMapper json;
    private final PersonalDataCodec codec;
    private final UserKeys keys;

    private SealingSerializer(JacksonSerializer delegate, UserKeys keys) {
        this.delegate = delegate;
        this.json = delegate.getObjectMapper();
        this.codec = new PersonalDataCodec(json);
        this.keys = keys;
    }

    /**
     * Seals around Axon's event serializer, which must be its Jackson one ({@code axon.serializer.events=jackson}).
     * Deliberately not a bean: Axon would take any unqualified {@link Serializer} bean for its general serializer.
     */
    public static SealingSerializer over(Serializer eventSerializer, UserKeys keys) {
        if (!(eventSerializer instanceof JacksonSerializer jackson)) {
            throw new IllegalStateException("Personal data sealing needs axon.serializer.events=jackson, not "
                    + eventSerializer.getClass().getName());
        }
        return new SealingSerializer(jackson, keys);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !PersonalDataCodec.carriesPersonalData(object.getClass())) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode sealed = codec.seal(object.getClass(), json.valueToTree(object), keys::keyFor);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(sealed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SerializedType type = delegate.typeForClass(object.getClass());
        T data = getConverter().convert(bytes, byte[].class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, type);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = delegate.classForType(serializedObject.getType());
        if (!PersonalDataCodec.carriesPersonalData(type)) {
            return delegate.deserialize(serializedObject);
        }
        byte[] bytes =
                getConverter().convert(serializedObject.getData(), serializedObject.getContentType(), byte[].class);
        try {
            ObjectNode event = (ObjectNode) json.readTree(bytes);
            @SuppressWarnings("unchecked")
            T opened = (T) json.treeToValue(codec.open(type, event, keys::keyOf), type);
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
