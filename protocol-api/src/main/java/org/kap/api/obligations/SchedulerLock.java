package org.kap.api.obligations;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Scheduled checks run on one engine at a time when several share a database: each takes a named lock in
 * the {@code shedlock} table (ShedLock) for the length of its run, timed by the database's clock so that
 * engines whose clocks differ agree. An engine that finds the lock held skips that run; the next one comes
 * at the next interval.
 */
@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
class SchedulerLock {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
