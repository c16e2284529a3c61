package io.dataplane.operator.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.fabric8.kubernetes.api.model.Condition;

/**
 * A Jackson module that makes the String properties of our API objects (and of their status
 * conditions) share one instance per value through a {@link StringPool}, as they are read from the
 * API server into the informer caches. Metadata is left out: names, uids and resource versions are
 * unique or change with every write.
 */
public final class PooledStrings extends SimpleModule {
    static final int CAPACITY = 1 << 16;
    private static final String API_PACKAGE = "io.dataplane.operator.api.";

    public PooledStrings() {
        super("dataplane-pooled-strings");
        PooledStringDeserializer strings = new PooledStringDeserializer(new StringPool(CAPACITY));
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                if (!pooled(description.getBeanClass())) {
                    return builder;
                }
                List<SettableBeanProperty> plainStrings = new ArrayList<>();
                for (Iterator<SettableBeanProperty> it = builder.getProperties(); it.hasNext();) {
                    SettableBeanProperty p = it.next();
                    if (p.getType().hasRawClass(String.class) && !p.hasValueDeserializer()) {
                        plainStrings.add(p);
                    }
                }
                plainStrings.forEach(p -> builder.addOrReplaceProperty(p.withValueDeserializer(strings), true));
                return builder;
            }
        });
    }

    private static boolean pooled(Class<?> type) {
        return type.getName().startsWith(API_PACKAGE) || type == Condition.class;
    }

    private static final class PooledStringDeserializer extends StdScalarDeserializer<String> {
        private final transient StringPool pool;

        PooledStringDeserializer(StringPool pool) {
            super(String.class);
            this.pool = pool;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return pool.canonical(StringDeserializer.instance.deserialize(p, ctxt));
        }
    }
}
