package io.tickstream.connectors.rtp;

/**
 * One datagram of the simulated stream, in send order.
 *
 * @param status true for a status packet (to the status port), false for RTP data
 * @param packetNumber for data: position of the packet in its channel's stream (0, 1, …)
 * @param firstSampleIndex for data: Digital RF index of the packet's first sample
 * @param duplicate true when this is an extra copy of an already sent packet
 * @param simTimeNs simulated send time (end of the packet's samples)
 */
public record SimPacket(boolean status, long ssrc, long packetNumber, long firstSampleIndex, int frames,
    boolean duplicate, long simTimeNs, byte[] datagram) {}
