// A git repository of its own for the project, committed, with no tags (src/it/lib).
return evaluate(new File(itLib, "GitProject.groovy"))
