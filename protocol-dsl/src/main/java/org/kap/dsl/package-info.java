/**
 * The protocol language: text written by protocol designers, checked with precise errors and
 * compiled into the rule model of {@code org.kap.core.protocol}. Filled by the DSL issue.
 */
package org.kap.dsl;
