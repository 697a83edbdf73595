package io.github.ecrmaven.aws;

/**
 * The POM element and the property prefix of a group of AWS access parameters, such as
 * {@code <aws>} and {@code ecr.aws}, so that a message names the parameter the user wrote.
 *
 * @param element the element path, such as {@code <aws>} or {@code <from><aws>}
 * @param propertyPrefix the user property prefix, such as {@code ecr.aws} or {@code ecr.from.aws}
 */
record Parameters(String element, String propertyPrefix) {
  static final Parameters AWS = new Parameters("<aws>", "ecr.aws");
  static final Parameters FROM_AWS = new Parameters("<from><aws>", "ecr.from.aws");

  /** Returns the element of one parameter, such as {@code <from><aws><profile>}. */
  String element(String name) {
    return element + "<" + name + ">";
  }

  /** Returns the element and property of one parameter, such as {@code <aws><profile> (ecr.aws.profile)}. */
  String describe(String name) {
    return element(name) + " (" + propertyPrefix + "." + name + ")";
  }
}
