package io.github.ecrmaven.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagMutabilityRulesTest {

  @ParameterizedTest(name = "{0} with filters [{1}]: tag {2} immutable = {3}")
  @CsvSource(delimiter = '|', value = {
      "MUTABLE                  |                 | 1.0       | false",
      "IMMUTABLE                |                 | latest    | true",
      "IMMUTABLE_WITH_EXCLUSION | latest          | latest    | false",
      "IMMUTABLE_WITH_EXCLUSION | latest          | latest2   | true",
      "IMMUTABLE_WITH_EXCLUSION | dev-*           | dev-      | false",
      "IMMUTABLE_WITH_EXCLUSION | dev-*           | dev-42    | false",
      "IMMUTABLE_WITH_EXCLUSION | dev-*           | Dev-42    | true",
      "IMMUTABLE_WITH_EXCLUSION | *-SNAPSHOT,main | 1-SNAPSHOT| false",
      "IMMUTABLE_WITH_EXCLUSION | *-SNAPSHOT,main | main      | false",
      "IMMUTABLE_WITH_EXCLUSION | *-SNAPSHOT,main | 1.0       | true",
      "MUTABLE_WITH_EXCLUSION   | release-*       | release-1 | true",
      "MUTABLE_WITH_EXCLUSION   | release-*       | staging   | false",
      "MUTABLE_WITH_EXCLUSION   | v*.*            | v1.2      | true",
      "MUTABLE_WITH_EXCLUSION   | v*.*            | v1-2      | false",
  })
  void isImmutable(String mutability, String filters, String tag, boolean expected) {
    List<String> filterList = filters == null ? List.of() : List.of(filters.split(","));
    TagMutabilityRules rules = new TagMutabilityRules(mutability, filterList);

    assertEquals(expected, rules.isImmutable(new ImageTag(tag)));
  }
}
