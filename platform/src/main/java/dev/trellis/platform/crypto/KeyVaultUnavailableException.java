package dev.trellis.platform.crypto;

/** The key vault could not be read or written: a failure of the infrastructure, to be retried, never a poison event. */
public class KeyVaultUnavailableException extends RuntimeException {
    public KeyVaultUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
