package dev.faas4j.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;

/** What both goals take from Maven: the project, its resolver and the app to build or run. */
abstract class Faas4jMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  PluginDescriptor plugin;

  /** The FunctionApp class; by default the one in {@code META-INF/services/dev.faas4j.FunctionApp}. */
  @Parameter(property = "faas4j.app")
  String app;

  /** The faas4j version of the adapters and of adapter-local; by default the plugin's own. */
  @Parameter(property = "faas4j.version")
  String faas4jVersion;

  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
  File classesDirectory;

  private final RepositorySystem repositorySystem;

  Faas4jMojo(RepositorySystem repositorySystem) {
    this.repositorySystem = repositorySystem;
  }

  /** Resolution against the project's repositories, at {@link #faas4jVersion} or the plugin's version. */
  Classpaths classpaths() {
    return new Classpaths(repositorySystem, repositorySession, project,
        faas4jVersion != null ? faas4jVersion : plugin.getVersion());
  }
}
