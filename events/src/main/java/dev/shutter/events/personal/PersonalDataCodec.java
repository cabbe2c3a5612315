package dev.shutter.events.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Crypto-shredding of events: seals the {@link PersonalData} fields of an event's JSON with its {@link DataSubject}'s
 * key (AES-256-GCM, a fresh 96-bit nonce per field, the subject id and field name as associated data) and opens them
 * again. A sealed value is the string {@code pd1:<base64 of nonce and ciphertext>}. Opening without the key (the user
 * deleted their account) turns the field into {@code null}; values that were never sealed pass through, so events
 * stored before sealing existed read as they always did.
 */
public final class PersonalDataCodec {

    private static final String PREFIX = "pd1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Class<?>, Optional<Fields>> FIELDS = new ConcurrentHashMap<>();

    private final ObjectMapper json;

    public PersonalDataCodec(ObjectMapper json) {
        this.json = json;
    }

    /** A new random key for one user. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Whether events of this type carry personal data. */
    public static boolean carriesPersonalData(Class<?> type) {
        return fields(type).isPresent();
    }

    /**
     * Encrypts the personal fields of {@code event}, an event of {@code type} as JSON, in place.
     *
     * @param keyFor the key of a user, created when the user has none yet
     */
    public ObjectNode seal(Class<?> type, ObjectNode event, Function<String, byte[]> keyFor) {
        fields(type).ifPresent(fields -> {
            String subject = event.path(fields.subject()).asText(null);
            if (subject == null) {
                return;
            }
            for (String field : fields.personal()) {
                JsonNode value = event.get(field);
                if (value != null && !value.isNull() && !isSealed(value)) {
                    event.put(field, seal(keyFor.apply(subject), associatedData(subject, field), write(value)));
                }
            }
        });
        return event;
    }

    /**
     * Decrypts the personal fields of {@code event} in place; a field whose key is gone becomes {@code null}.
     *
     * @param keyOf the key of a user, or empty when it was destroyed
     */
    public ObjectNode open(Class<?> type, ObjectNode event, Function<String, Optional<byte[]>> keyOf) {
        fields(type).ifPresent(fields -> {
            String subject = event.path(fields.subject()).asText(null);
            for (String field : fields.personal()) {
                JsonNode value = event.get(field);
                if (value != null && isSealed(value)) {
                    Optional<byte[]> key = subject == null ? Optional.empty() : keyOf.apply(subject);
                    event.set(
                            field,
                            key.map(k -> read(open(k, associatedData(subject, field), value.asText())))
                                    .orElse(NullNode.getInstance()));
                }
            }
        });
        return event;
    }

    /**
     * The user whose key opens {@code event}, an event of {@code type} as JSON, or empty when none of its fields is
     * sealed: readers of the event store fetch the keys of a whole page of events at once with it.
     */
    public static Optional<String> sealedFor(Class<?> type, JsonNode event) {
        return fields(type)
                .filter(fields ->
                        fields.personal().stream().anyMatch(field -> event.has(field) && isSealed(event.get(field))))
                .map(fields -> event.path(fields.subject()).asText(null));
    }

    /** Whether a JSON value is sealed personal data. */
    public static boolean isSealed(JsonNode value) {
        return value.isTextual() && value.asText().startsWith(PREFIX);
    }

    private static String seal(byte[] key, byte[] associatedData, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = new byte[NONCE_BYTES + ciphertext.length];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            System.arraycopy(ciphertext, 0, sealed, NONCE_BYTES, ciphertext.length);
            return PREFIX + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt personal data", e);
        }
    }

    private static String open(byte[] key, byte[] associatedData, String sealedValue) {
        try {
            byte[] sealed = Base64.getDecoder().decode(sealedValue.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            byte[] plaintext = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Personal data does not open with its subject's key", e);
        }
    }

    private static byte[] associatedData(String subject, String field) {
        return (subject + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    private String write(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Fields> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, PersonalDataCodec::annotatedFields);
    }

    private static Optional<Fields> annotatedFields(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        String subject = null;
        List<String> personal = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                personal.add(component.getName());
            }
        }
        if (personal.isEmpty()) {
            return Optional.empty();
        }
        if (subject == null) {
            throw new IllegalStateException(type.getName() + " has personal data but no @DataSubject");
        }
        return Optional.of(new Fields(subject, List.copyOf(personal)));
    }

    private record Fields(String subject, List<String> personal) {}
}
