package org.socketlab.labs;

public final class LabLauncher {
    public static void main(String[] args) {
        System.out.println("labs: " + String.join(" ", args));
    }
}
