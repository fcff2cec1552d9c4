package io.lendx.application;

import io.lendx.paging.Page;
import io.lendx.paging.PageRequest;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

@Singleton
public class ApplicationService {

    private final ApplicationRepository applications;

    public ApplicationService(ApplicationRepository applications) {
        this.applications = applications;
    }

    public Mono<Page<LoanApplication>> list(ApplicationFilter filter, PageRequest<LoanApplication> page) {
        return applications.findPage(filter, page);
    }

    public Mono<Long> count(ApplicationFilter filter) {
        return applications.countMatching(filter);
    }
}
