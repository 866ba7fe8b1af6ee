package org.kap.api.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Signed acts are checked after authentication and role, before their controller runs. */
@Configuration
class SignedActsConfiguration implements WebMvcConfigurer {

    private final SignedActs signedActs;

    SignedActsConfiguration(SignedActs signedActs) {
        this.signedActs = signedActs;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(signedActs);
    }
}
