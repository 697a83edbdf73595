package io.github.ecrmaven.testing;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import io.github.ecrmaven.localecr.LocalEcr;

/** Pushes tiny images, with no layer, to a local ECR for tests that need images to exist. */
public final class ScratchImages {
  private ScratchImages() {}

  /**
   * Pushes an empty image whose {@code variant} label is {@code label}, so that images with other
   * labels get other digests, and returns its manifest digest.
   */
  public static String push(LocalEcr ecr, String repository, String tag, String label) throws Exception {
    String reference = ecr.registryHost() + "/" + repository + ":" + tag;
    return Jib.fromScratch()
        .addLabel("variant", label)
        .containerize(Containerizer.to(RegistryImage.named(reference).addCredential("AWS", ecr.issueRegistryPassword())))
        .getDigest()
        .toString();
  }
}
