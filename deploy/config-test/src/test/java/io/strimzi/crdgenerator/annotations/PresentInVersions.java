package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Strimzi's own annotation, by its name: the classes of io.strimzi:api carry it at run time, but Strimzi
 * publishes its crd-annotations artifact nowhere this build reaches (io.strimzi:crd-annotations:0.49.0 is
 * not on Maven Central), so without this declaration reflection would not see it. StrictModels reads
 * it to tell which fields kafka.strimzi.io/v1 has; the value is a version range ("v1beta2", "v1+").
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE})
public @interface PresentInVersions {
    String value();
}
