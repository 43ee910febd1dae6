package invthink.ingest.follow;

import com.fasterxml.jackson.databind.JsonNode;
import invthink.ingest.source.JsonRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Where a follower is in one followed path: which file (its identity, since rotation moves names),
 * how far, and a fingerprint of the bytes already read, which tells a copy or a truncation apart.
 *
 * @param path              the followed path (the live name)
 * @param fileKey           the file's identity (device and inode on Linux); empty if the file system has none
 * @param offset            byte offset of the next unread line
 * @param fingerprint       hex SHA-256 of the file's first {@code fingerprintLength} bytes
 * @param fingerprintLength how many leading bytes the fingerprint covers (at most {@link #FINGERPRINT_BYTES})
 */
public record FilePosition(String path, String fileKey, long offset, String fingerprint, int fingerprintLength) {

    public static final int FINGERPRINT_BYTES = 256;

    public byte[] toJson() {
        return JsonRecords.MAPPER.createObjectNode()
                .put("path", path).put("fileKey", fileKey).put("offset", offset)
                .put("fingerprint", fingerprint).put("fingerprintLength", fingerprintLength)
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    public static FilePosition fromJson(byte[] json) throws IOException {
        JsonNode n = JsonRecords.MAPPER.readTree(json);
        return new FilePosition(n.path("path").asText(), n.path("fileKey").asText(), n.path("offset").asLong(),
                n.path("fingerprint").asText(), n.path("fingerprintLength").asInt());
    }
}
