package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.gomodule.GoModFile;
import io.github.mikrotiktailscale.gomodule.ModuleProxy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks the module proxy, with a HEAD per module, whether it serves the source zip of every module
 * a release pins. Some versions are listed but refused (403 "not available"): the build's
 * {@code go mod download} would stop on them minutes in. A refusal is final: nothing is retried.
 */
public final class ModuleCheck {

    /** Parallel HEADs: a release pins about 550 modules and the proxy answers each in a fraction of a second. */
    private static final int PARALLEL = 32;

    private final ModuleProxy proxy;

    public ModuleCheck(ModuleProxy proxy) {
        this.proxy = proxy;
    }

    /** The module itself and every requirement of its go.mod. */
    public List<Break> check(String module, String version, GoModFile goMod) throws InterruptedException {
        var all = new ArrayList<GoModFile.Requirement>();
        all.add(new GoModFile.Requirement(module, version));
        all.addAll(goMod.requirements());
        var pool = Executors.newFixedThreadPool(PARALLEL, r -> {
            var t = new Thread(r, "canary-module-check");
            t.setDaemon(true);
            return t;
        });
        try {
            var answers = new ArrayList<Future<Break>>();
            for (var requirement : all) {
                answers.add(pool.submit(() -> judge(requirement)));
            }
            var breaks = new ArrayList<Break>();
            for (var answer : answers) {
                try {
                    var found = answer.get();
                    if (found != null) {
                        breaks.add(found);
                    }
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return breaks;
        } finally {
            pool.shutdownNow();
        }
    }

    private Break judge(GoModFile.Requirement requirement) throws InterruptedException {
        int status;
        try {
            status = proxy.zipStatus(requirement.path(), requirement.version());
        } catch (IOException e) {
            return Break.of(BreakKind.UNCHECKED, requirement.toString(),
                    "cannot ask the module proxy for its source zip: " + e.getMessage(),
                    "check that GOPROXY (" + proxy.bases() + ") answers, and run the canary again");
        }
        if (status == 200) {
            return null;
        }
        var where = proxy.zipAddress(requirement.path(), requirement.version());
        if (status == 403 || status == 404 || status == 410) {
            return Break.blocking(BreakKind.REFUSED_MODULE, requirement.toString(),
                    "HEAD of its source zip: " + status + (status == 403 ? " \"not available\" (final, not retried)" : "")
                            + " from " + proxy.bases().get(0),
                    "needs a Tailscale release pinning a version the proxy serves, or another GOPROXY");
        }
        return Break.of(BreakKind.UNCHECKED, requirement.toString(),
                "HEAD " + where + " answered " + status, "run the canary again once the proxy answers 200 or 403");
    }
}
