/**
 * The Spring Boot application that serves the engine over HTTP: commands, persistence,
 * security and audit queries. Filled by the REST API issue.
 */
package org.kap.api;
