package dev.shutter.command.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure the operator account exists when {@code shutter.admin.password} is set. It registers
 * through the same path as everyone else, so it has a {@code User} aggregate and shows up in every
 * read model; across restarts it is found and left alone.
 */
@Component
class AdminAccount implements ApplicationRunner {

    static final String USERNAME = "admin";
    static final String EMAIL = "admin@shutter.local";
    static final String SCOPES = "user admin";

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final Registrations registrations;
    private final Accounts accounts;
    private final String password;

    AdminAccount(Registrations registrations, Accounts accounts, @Value("${shutter.admin.password:}") String password) {
        this.registrations = registrations;
        this.accounts = accounts;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (password.isBlank() || accounts.usernameTaken(USERNAME)) {
            return;
        }
        try {
            Account admin = registrations.register(new NewAccount(USERNAME, EMAIL, password, "Administrator"), SCOPES);
            log.info("Created the admin account {}", admin.userId());
        } catch (UsernameTakenException | EmailTakenException e) {
            log.info("The admin account was created concurrently by another instance");
        }
    }
}
