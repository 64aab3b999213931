package org.socketlab.labs.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many points a grading test is worth. A passing test earns all of them, a failing one
 * none. The grading report groups tests by the lab number in their class name
 * ({@code Lab01...GradingTest} belongs to lab 01).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Points {
    int value();
}
