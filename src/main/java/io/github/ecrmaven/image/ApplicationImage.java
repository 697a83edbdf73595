package io.github.ecrmaven.image;

/**
 * Everything the application image is built from.
 *
 * @param baseImage the base image and the credential for its registry
 * @param layers the application's files
 * @param mainClass the resolved main class
 * @param container the other container settings
 */
public record ApplicationImage(
    RegistryAccess baseImage, ApplicationLayers layers, String mainClass, ContainerSettings container) {}
