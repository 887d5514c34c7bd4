/**
 * Recording hooks on what arrives on the wire, below the journal: request transmissions before
 * deduplication and DTLS record headers before Scandium. For judges that need the timing of
 * retransmissions or see a device keep sending into a forgotten session.
 */
package dev.enoscoap.mock.wire;
