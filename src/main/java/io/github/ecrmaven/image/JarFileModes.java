package io.github.ecrmaven.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Normalizes the Unix file modes that a jar's central directory records, so that a jar this build wrote
 * gives the same bytes whatever the umask of the build.
 *
 * <p>maven-jar-plugin 3.4.2 copies each file's mode from the file system into the jar, even with
 * {@code project.build.outputTimestamp} set, so {@code umask 077} gives {@code rw-------} classes and
 * another digest than {@code umask 022}. The normalized modes are what {@code umask 022} gives:
 * directories 755, files 644, or 755 when any execute bit is set. Only the external attributes of
 * entries made on Unix change; names, times, contents and compression stay as they are.
 */
final class JarFileModes {
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int CENTRAL_DIRECTORY_HEADER = 0x02014b50;
  private static final int END_RECORD_SIZE = 22;
  private static final int MAX_COMMENT_SIZE = 0xFFFF;
  private static final int CENTRAL_HEADER_SIZE = 46;
  private static final int UNIX_HOST = 3;
  private static final int TYPE_MASK = 0170000;
  private static final int DIRECTORY = 0040000;
  private static final int REGULAR_FILE = 0100000;

  private JarFileModes() {}

  /**
   * Returns {@code jar} when its modes are already normalized, else a copy in {@code copyDirectory}, with
   * the same file name, whose modes are. A file that is not a valid zip file is returned as it is, so
   * the image gets what the build wrote.
   *
   * @throws IOException when the jar cannot be read or the copy cannot be written
   */
  static Path normalized(Path jar, Path copyDirectory) throws IOException {
    Optional<CentralDirectory> directory = readCentralDirectory(jar);
    if (directory.isEmpty() || !normalize(directory.get().bytes())) {
      return jar;
    }
    Files.createDirectories(copyDirectory);
    Path copy = copyDirectory.resolve(jar.getFileName());
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
      ByteBuffer bytes = directory.get().bytes().rewind();
      long position = directory.get().offset();
      while (bytes.hasRemaining()) {
        position += channel.write(bytes, position);
      }
    }
    return copy;
  }

  /**
   * Normalizes the modes in the central directory's bytes and returns whether any changed. A malformed
   * central directory is left unchanged.
   */
  private static boolean normalize(ByteBuffer directory) {
    byte[] unchanged = new byte[directory.limit()];
    directory.get(0, unchanged);
    boolean changed = false;
    int position = 0;
    while (position + CENTRAL_HEADER_SIZE <= directory.limit()) {
      if (directory.getInt(position) != CENTRAL_DIRECTORY_HEADER) {
        directory.put(0, unchanged);
        return false;
      }
      int madeBy = Short.toUnsignedInt(directory.getShort(position + 4));
      int nameLength = Short.toUnsignedInt(directory.getShort(position + 28));
      int extraLength = Short.toUnsignedInt(directory.getShort(position + 30));
      int commentLength = Short.toUnsignedInt(directory.getShort(position + 32));
      int attributes = directory.getInt(position + 38);
      if (position + CENTRAL_HEADER_SIZE + nameLength > directory.limit()) {
        directory.put(0, unchanged);
        return false;
      }
      if (madeBy >> 8 == UNIX_HOST) {
        int mode = attributes >>> 16;
        boolean isDirectory = (mode & TYPE_MASK) == DIRECTORY
            || ((mode & TYPE_MASK) == 0 && directory.get(position + CENTRAL_HEADER_SIZE + nameLength - 1) == '/');
        int normalizedMode = normalizedMode(mode, isDirectory);
        if (normalizedMode != mode) {
          directory.putInt(position + 38, (normalizedMode << 16) | (attributes & 0xFFFF));
          changed = true;
        }
      }
      position += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    }
    return changed;
  }

  /** Returns the mode umask 022 gives: the type bits stay, and a symbolic link or other type keeps its mode. */
  static int normalizedMode(int mode, boolean isDirectory) {
    int type = mode & TYPE_MASK;
    if (type != 0 && type != DIRECTORY && type != REGULAR_FILE) {
      return mode;
    }
    if (isDirectory) {
      return type | 0755;
    }
    return type | ((mode & 0111) != 0 ? 0755 : 0644);
  }

  /**
   * Reads the central directory, or returns empty for a file that is not a zip file or a ZIP64 jar,
   * whose central directory this class leaves as it is.
   */
  private static Optional<CentralDirectory> readCentralDirectory(Path jar) throws IOException {
    try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
      long size = channel.size();
      int tailSize = (int) Math.min(size, END_RECORD_SIZE + MAX_COMMENT_SIZE);
      ByteBuffer tail = readFully(channel, size - tailSize, tailSize);
      int end = -1;
      for (int i = tailSize - END_RECORD_SIZE; i >= 0; i--) {
        if (tail.getInt(i) == END_OF_CENTRAL_DIRECTORY) {
          end = i;
          break;
        }
      }
      if (end < 0) {
        return Optional.empty();
      }
      int entries = Short.toUnsignedInt(tail.getShort(end + 10));
      long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
      long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
      // NOTE: a ZIP64 jar (over 65535 entries or 4 GiB) keeps its modes, so its digest can follow the umask.
      if (entries == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
        return Optional.empty();
      }
      if (directoryOffset + directorySize > size) {
        return Optional.empty();
      }
      return Optional.of(new CentralDirectory(directoryOffset, readFully(channel, directoryOffset, (int) directorySize)));
    }
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("Unexpected end of file at offset " + (position + buffer.position()));
      }
    }
    return buffer.flip();
  }

  private record CentralDirectory(long offset, ByteBuffer bytes) {}
}
