package dev.faas4j.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.ArtifactTypeRegistry;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves class paths with Maven's own resolver, each one on its own: the project's runtime dependencies together
 * with what one cloud (or the local runtime) adds, mediated as one graph under the project's dependency management,
 * so that no other cloud's libraries come along.
 */
final class Classpaths {
  private static final Set<String> SHIPPED_SCOPES = Set.of("", JavaScopes.COMPILE, JavaScopes.RUNTIME);

  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final MavenProject project;
  private final String faas4jVersion;

  Classpaths(RepositorySystem system, RepositorySystemSession session, MavenProject project, String faas4jVersion) {
    this.system = system;
    this.session = session;
    this.project = project;
    this.faas4jVersion = faas4jVersion;
  }

  /** A faas4j module at the plugin's version, e.g. {@code faas4j("adapter-aws", "deploy")}. */
  DefaultArtifact faas4j(String artifactId, String classifier) {
    return new DefaultArtifact("dev.faas4j", artifactId, classifier, "jar", faas4jVersion);
  }

  /** What a module declares: its dependencies (optional ones included) and its dependency management. */
  ArtifactDescriptorResult descriptor(DefaultArtifact artifact) throws MojoExecutionException {
    try {
      return system.readArtifactDescriptor(session,
          new ArtifactDescriptorRequest(artifact, project.getRemoteProjectRepositories(), null));
    } catch (ArtifactDescriptorException e) {
      throw new MojoExecutionException("Cannot read the POM of " + artifact + ": " + e.getMessage(), e);
    }
  }

  /** One artifact's file, without its dependencies. */
  File file(org.eclipse.aether.artifact.Artifact artifact) throws MojoExecutionException {
    try {
      ArtifactResult r = system.resolveArtifact(session,
          new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null));
      return r.getArtifact().getFile();
    } catch (ArtifactResolutionException e) {
      throw new MojoExecutionException("Cannot resolve " + artifact + ": " + e.getMessage(), e);
    }
  }

  /** An artifact's file and those of its runtime dependencies, on their own (not merged with the project's). */
  List<File> alone(org.eclipse.aether.artifact.Artifact artifact) throws MojoExecutionException {
    CollectRequest request = new CollectRequest(new Dependency(artifact, JavaScopes.COMPILE),
        project.getRemoteProjectRepositories());
    return resolve(request);
  }

  /**
   * The jars that run the project with {@code extra} added: the project's compile and runtime dependencies and
   * {@code extra}, resolved as one graph (runtime scope, so nothing a platform provides), under the project's
   * dependency management first and then {@code extraManaged}.
   */
  List<File> runtime(List<Dependency> extra, List<Dependency> extraManaged) throws MojoExecutionException {
    return runtime(extra, extraManaged, Set.of());
  }

  /** As {@link #runtime(List, List)}, without the project's direct dependencies named in {@code leftOut}. */
  List<File> runtime(List<Dependency> extra, List<Dependency> extraManaged, Set<String> leftOut)
      throws MojoExecutionException {
    ArtifactTypeRegistry types = session.getArtifactTypeRegistry();
    CollectRequest request = new CollectRequest();
    request.setRepositories(project.getRemoteProjectRepositories());
    for (org.apache.maven.model.Dependency d : project.getDependencies()) {
      String scope = d.getScope() == null ? "" : d.getScope();
      if (SHIPPED_SCOPES.contains(scope) && !leftOut.contains(d.getGroupId() + ":" + d.getArtifactId())) {
        request.addDependency(RepositoryUtils.toDependency(d, types));
      }
    }
    extra.forEach(request::addDependency);
    if (project.getDependencyManagement() != null) {
      for (org.apache.maven.model.Dependency d : project.getDependencyManagement().getDependencies()) {
        request.addManagedDependency(RepositoryUtils.toDependency(d, types));
      }
    }
    extraManaged.forEach(request::addManagedDependency);
    return resolve(request);
  }

  private List<File> resolve(CollectRequest request) throws MojoExecutionException {
    try {
      List<File> files = new ArrayList<>();
      for (ArtifactResult r : system.resolveDependencies(session, new DependencyRequest(request,
          DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME))).getArtifactResults()) {
        files.add(r.getArtifact().getFile());
      }
      return files;
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException("Cannot resolve the class path: " + e.getMessage(), e);
    }
  }

  /** A compile-scope, non-optional dependency on {@code artifact} as {@code declared} excludes. */
  static Dependency shipped(Dependency declared) {
    return new Dependency(declared.getArtifact(), JavaScopes.COMPILE, false, declared.getExclusions());
  }
}
