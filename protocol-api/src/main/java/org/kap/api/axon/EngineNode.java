package org.kap.api.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;

/**
 * This engine's name among the engines sharing one database: {@code kap.node-id}, or the JVM's pid@host and a
 * random part when unset. The tracking read models claim their segments in the token store under this name, so each name must
 * be unique among running engines (two engines under one name would both process a segment); health shows it.
 *
 * @param id the name segments are claimed under
 */
public record EngineNode(String id) {

    @Configuration
    static class Claims {

        @Bean
        EngineNode engineNode(@Value("${kap.node-id:}") String configured) {
            // pid@host alone can repeat (two containers, each the first process on its host name): a random part
            // makes two unnamed engines never claim under one name
            return new EngineNode(configured.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() + "-"
                    + java.util.UUID.randomUUID().toString().substring(0, 8) : configured.strip());
        }

        /**
         * Axon's JDBC token store as its auto-configuration builds it (the default schema: the TokenEntry table of
         * the V1 migration), with this engine's name as the claim owner.
         */
        @Bean
        TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TokenStoreProperties properties, EngineNode node) {
            return JdbcTokenStore.builder().connectionProvider(connections).schema(TokenSchema.builder().build()).serializer(serializer)
                    .claimTimeout(properties.getClaimTimeout()).nodeId(node.id()).build();
        }
    }
}
