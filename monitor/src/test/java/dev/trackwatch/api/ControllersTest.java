package dev.trackwatch.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every controller runs on the blocking executor: they wait on ClickHouse or the checks tree, and
 * on Netty's event loop one slow query would stall every other request, /health included.
 */
class ControllersTest {

    @Test
    void everyControllerRunsOnTheBlockingExecutor() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.trackwatch");
        assertThat(main.stream().filter(c -> c.isAnnotatedWith(Controller.class)).count()).isGreaterThanOrEqualTo(5);

        classes().that().areAnnotatedWith(Controller.class)
                .should().beAnnotatedWith(ExecuteOn.class)
                .andShould(new com.tngtech.archunit.lang.ArchCondition<>("execute on " + TaskExecutors.BLOCKING) {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaClass c,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        String value = c.getAnnotationOfType(ExecuteOn.class).value();
                        events.add(new com.tngtech.archunit.lang.SimpleConditionEvent(c,
                                value.equals(TaskExecutors.BLOCKING), c.getName() + " runs on " + value));
                    }
                })
                .check(main);
    }
}
