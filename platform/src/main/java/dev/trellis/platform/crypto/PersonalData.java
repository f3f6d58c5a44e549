package dev.trellis.platform.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.events.Personal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes and reads event payloads with their {@link Personal} components encrypted (crypto-shredding): the event
 * store {@linkplain #seal seals} every payload it appends, and every reader (event store loads, the inbox, topic
 * replays) {@linkplain #open opens} it. Each personal component becomes {@code "trellis:enc:v1:<base64>"}: its JSON
 * value encrypted with AES-256-GCM (random 96-bit nonce, the owner's id and the component's name as associated
 * data), once per owner, the first owner innermost. Opening needs every owner's key; if one is gone the reader gets
 * the component's placeholder. A member whose key is gone gets no new one: sealing drops such a value (null).
 * Payloads without personal components are written and read as plain JSON, as before.
 */
@ApplicationScoped
public class PersonalData {
    public static final String PREFIX = "trellis:enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A personal component: its JSON name, its owners' id components, what it reads as once shredded. */
    record Component(String name, String[] owners, JsonNode placeholder) {
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> out = new ArrayList<>();
            if (type.isRecord()) {
                for (var rc : type.getRecordComponents()) {
                    Personal p = rc.getAnnotation(Personal.class);
                    if (p == null) {
                        continue;
                    }
                    JsonNode placeholder;
                    if (List.class.isAssignableFrom(rc.getType())) {
                        placeholder = JsonNodeFactory.instance.arrayNode();
                    } else if (rc.getType() == String.class && !Personal.NULL.equals(p.placeholder())) {
                        placeholder = JsonNodeFactory.instance.textNode(p.placeholder());
                    } else {
                        placeholder = JsonNodeFactory.instance.nullNode();
                    }
                    out.add(new Component(rc.getName(), p.of(), placeholder));
                }
            }
            return List.copyOf(out);
        }
    };

    private final ObjectMapper json;
    private final KeyVault vault;
    private final Counter sealed;
    private final Counter opened;
    private final Counter shredded;

    public PersonalData(ObjectMapper json, KeyVault vault, MeterRegistry meters) {
        this.json = json;
        this.vault = vault;
        this.sealed = meters.counter("trellis.personal.sealed");
        this.opened = meters.counter("trellis.personal.opened");
        this.shredded = meters.counter("trellis.personal.shredded");
    }

    /** Whether events of this type carry personal components. */
    public static boolean hasPersonalData(Class<?> type) {
        return !COMPONENTS.get(type).isEmpty();
    }

    /** The event's JSON payload with its personal components encrypted. */
    public String seal(Object event) throws JsonProcessingException {
        List<Component> components = COMPONENTS.get(event.getClass());
        if (components.isEmpty()) {
            return json.writeValueAsString(event);
        }
        ObjectNode tree = json.valueToTree(event);
        for (Component c : components) {
            JsonNode value = tree.get(c.name());
            if (value == null || value.isNull() || isSealed(value)) {
                continue;
            }
            byte[] bytes = json.writeValueAsBytes(value);
            boolean dropped = false;
            for (String owner : c.owners()) {
                UUID id = ownerId(tree, owner, event.getClass());
                Optional<SecretKey> key = id == null ? Optional.empty() : vault.forWriting(id);
                if (key.isEmpty()) {
                    dropped = true;
                    break;
                }
                bytes = encrypt(key.get(), aad(id, c.name()), bytes);
            }
            if (dropped) {
                tree.set(c.name(), c.placeholder());
                shredded.increment();
            } else {
                tree.put(c.name(), PREFIX + Base64.getEncoder().encodeToString(bytes));
                sealed.increment();
            }
        }
        return json.writeValueAsString(tree);
    }

    /** Reads a payload written by {@link #seal}, its personal components decrypted or, where a key is gone, placeholders. */
    public <T> T open(String payload, Class<T> type) throws IOException {
        List<Component> components = COMPONENTS.get(type);
        if (components.isEmpty()) {
            return json.readValue(payload, type);
        }
        JsonNode root = json.readTree(payload);
        if (!(root instanceof ObjectNode tree)) {
            return json.treeToValue(root, type);
        }
        for (Component c : components) {
            JsonNode value = tree.get(c.name());
            if (value == null || !isSealed(value)) {
                continue;
            }
            byte[] bytes = Base64.getDecoder().decode(value.asText().substring(PREFIX.length()));
            String[] owners = c.owners();
            for (int i = owners.length - 1; i >= 0 && bytes != null; i--) {
                UUID id = ownerId(tree, owners[i], type);
                Optional<SecretKey> key = id == null ? Optional.empty() : vault.existing(id);
                bytes = key.isEmpty() ? null : decrypt(key.get(), aad(id, c.name()), bytes, type);
            }
            if (bytes == null) {
                tree.set(c.name(), c.placeholder());
                shredded.increment();
            } else {
                tree.set(c.name(), json.readTree(bytes));
                opened.increment();
            }
        }
        return json.treeToValue(tree, type);
    }

    private static boolean isSealed(JsonNode value) {
        return value.isTextual() && value.asText().startsWith(PREFIX);
    }

    private static UUID ownerId(JsonNode tree, String owner, Class<?> type) {
        JsonNode id = tree.get(owner);
        if (id == null || !id.isTextual()) {
            if (id == null || id.isNull()) {
                return null;
            }
            throw new IllegalStateException(type.getSimpleName() + "." + owner + " is not a member id");
        }
        return UUID.fromString(id.asText());
    }

    private static byte[] aad(UUID owner, String component) {
        return (owner + "/" + component).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encrypt(SecretKey key, byte[] aad, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealedBytes = cipher.doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + sealedBytes.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealedBytes, 0, out, NONCE_BYTES, sealedBytes.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a personal field", e);
        }
    }

    private static byte[] decrypt(SecretKey key, byte[] aad, byte[] sealedBytes, Class<?> type) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealedBytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealedBytes, NONCE_BYTES, sealedBytes.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a personal field of a " + type.getSimpleName()
                    + " does not decrypt with its owner's key (tampered, or sealed for another member)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a personal field", e);
        }
    }
}
