/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-page-cache.h"

typedef struct {
  guint64      document_id;
  guint        page;
  int          width;
} CacheKey;

typedef struct {
  CacheKey     key;
  RdPageImage *image;
} CacheEntry;

struct _RdPageCache
{
  GObject     parent_instance;

  gsize       budget;
  gsize       size;
  GHashTable *index;   /* CacheKey → GList link in lru */
  GQueue      lru;     /* CacheEntry, most recently used first */
};

G_DEFINE_FINAL_TYPE (RdPageCache, rd_page_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUDGET,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
cache_key_hash (gconstpointer data)
{
  const CacheKey *key = data;
  return (guint) (key->document_id * 2654435761u) ^ (key->page * 40503u) ^ (guint) key->width;
}

static gboolean
cache_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const CacheKey *ka = a, *kb = b;
  return ka->document_id == kb->document_id && ka->page == kb->page && ka->width == kb->width;
}

static void
cache_entry_free (CacheEntry *entry)
{
  rd_page_image_unref (entry->image);
  g_free (entry);
}

static void
remove_link (RdPageCache *self,
             GList       *link)
{
  CacheEntry *entry = link->data;

  g_hash_table_remove (self->index, &entry->key);
  g_queue_delete_link (&self->lru, link);
  self->size -= rd_page_image_get_byte_size (entry->image);
  cache_entry_free (entry);
}

static void
notify_size (RdPageCache *self,
             gsize        old_size)
{
  if (self->size != old_size)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

/* Releases least recently used pages until @extra more bytes fit the budget. */
static void
evict (RdPageCache *self,
       gsize        extra)
{
  while (self->lru.tail != NULL && self->size + extra > self->budget)
    remove_link (self, self->lru.tail);
}

static void
rd_page_cache_finalize (GObject *object)
{
  RdPageCache *self = RD_PAGE_CACHE (object);

  g_hash_table_destroy (self->index);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);
  G_OBJECT_CLASS (rd_page_cache_parent_class)->finalize (object);
}

static void
rd_page_cache_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RdPageCache *self = RD_PAGE_CACHE (object);

  switch (prop_id)
    {
    case PROP_BUDGET:
      g_value_set_uint64 (value, self->budget);
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_page_cache_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RdPageCache *self = RD_PAGE_CACHE (object);

  switch (prop_id)
    {
    case PROP_BUDGET:
      rd_page_cache_set_budget (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_page_cache_class_init (RdPageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_page_cache_finalize;
  object_class->get_property = rd_page_cache_get_property;
  object_class->set_property = rd_page_cache_set_property;

  properties[PROP_BUDGET] =
    g_param_spec_uint64 ("budget", NULL, NULL, 0, G_MAXUINT64, 64 * 1024 * 1024,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_page_cache_init (RdPageCache *self)
{
  self->index = g_hash_table_new (cache_key_hash, cache_key_equal);
}

/**
 * rd_page_cache_new:
 * @budget: the most bytes of pixels the cache may hold
 */
RdPageCache *
rd_page_cache_new (gsize budget)
{
  return g_object_new (RD_TYPE_PAGE_CACHE, "budget", (guint64) budget, NULL);
}

gsize
rd_page_cache_get_budget (RdPageCache *self)
{
  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), 0);
  return self->budget;
}

/**
 * rd_page_cache_set_budget:
 *
 * Changes the budget; a smaller one releases pages at once.
 */
void
rd_page_cache_set_budget (RdPageCache *self,
                          gsize        budget)
{
  gsize old_size;

  g_return_if_fail (RD_IS_PAGE_CACHE (self));

  if (self->budget == budget)
    return;
  old_size = self->size;
  self->budget = budget;
  evict (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUDGET]);
  notify_size (self, old_size);
}

/**
 * rd_page_cache_get_size:
 *
 * Returns: the bytes of pixels held now, never more than the budget
 */
gsize
rd_page_cache_get_size (RdPageCache *self)
{
  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), 0);
  return self->size;
}

guint
rd_page_cache_get_n_pages (RdPageCache *self)
{
  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), 0);
  return self->lru.length;
}

/**
 * rd_page_cache_lookup:
 *
 * Looks a page up and, when found, marks it as the most recently used.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL
 */
RdPageImage *
rd_page_cache_lookup (RdPageCache *self,
                      guint64      document_id,
                      guint        page,
                      int          width)
{
  CacheKey key = { document_id, page, width };
  GList *link;

  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), NULL);

  link = g_hash_table_lookup (self->index, &key);
  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return rd_page_image_ref (((CacheEntry *) link->data)->image);
}

/**
 * rd_page_cache_contains:
 *
 * Unlike rd_page_cache_lookup(), does not count as a use.
 */
gboolean
rd_page_cache_contains (RdPageCache *self,
                        guint64      document_id,
                        guint        page,
                        int          width)
{
  CacheKey key = { document_id, page, width };

  g_return_val_if_fail (RD_IS_PAGE_CACHE (self), FALSE);
  return g_hash_table_contains (self->index, &key);
}

/**
 * rd_page_cache_insert:
 * @width: the width the page was asked for, usually rd_page_image_get_width()
 *
 * Keeps @image as the most recently used page, replacing an earlier image of the
 * same key and releasing the least recently used pages beyond the budget.
 */
void
rd_page_cache_insert (RdPageCache *self,
                      guint64      document_id,
                      int          width,
                      RdPageImage *image)
{
  CacheKey key = { document_id, rd_page_image_get_page (image), width };
  gsize bytes = rd_page_image_get_byte_size (image);
  gsize old_size;
  CacheEntry *entry;
  GList *link;

  g_return_if_fail (RD_IS_PAGE_CACHE (self));
  g_return_if_fail (image != NULL);

  old_size = self->size;
  if ((link = g_hash_table_lookup (self->index, &key)) != NULL)
    remove_link (self, link);

  if (bytes <= self->budget)
    {
      evict (self, bytes);
      entry = g_new0 (CacheEntry, 1);
      entry->key = key;
      entry->image = rd_page_image_ref (image);
      g_queue_push_head (&self->lru, entry);
      g_hash_table_insert (self->index, &entry->key, self->lru.head);
      self->size += bytes;
    }
  notify_size (self, old_size);
}

/**
 * rd_page_cache_remove_document:
 *
 * Releases every page of one document, e.g. when its record is closed.
 */
void
rd_page_cache_remove_document (RdPageCache *self,
                               guint64      document_id)
{
  gsize old_size;
  GList *link, *next;

  g_return_if_fail (RD_IS_PAGE_CACHE (self));

  old_size = self->size;
  for (link = self->lru.head; link != NULL; link = next)
    {
      next = link->next;
      if (((CacheEntry *) link->data)->key.document_id == document_id)
        remove_link (self, link);
    }
  notify_size (self, old_size);
}

void
rd_page_cache_clear (RdPageCache *self)
{
  gsize old_size;

  g_return_if_fail (RD_IS_PAGE_CACHE (self));

  old_size = self->size;
  while (self->lru.tail != NULL)
    remove_link (self, self->lru.tail);
  notify_size (self, old_size);
}
